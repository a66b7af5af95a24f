import FUNCTION_WORDS from './function-words.json';

/** Scripts that say the language by themselves. Order matters: kana before Han, since Japanese mixes both. */
const SCRIPTS: readonly (readonly [string, RegExp])[] = [
  ['ja', /[\u3040-\u30ff]/g],
  ['ko', /[\uac00-\ud7af]/g],
  ['zh', /[\u4e00-\u9fff]/g],
  ['ru', /[\u0400-\u04ff]/g],
  ['ar', /[\u0600-\u06ff]/g],
  ['he', /[\u0590-\u05ff]/g],
  ['el', /[\u0370-\u03ff]/g],
  ['th', /[\u0e00-\u0e7f]/g],
  ['hi', /[\u0900-\u097f]/g],
];

type Lexicon = Record<string, readonly string[]>;
const LANGUAGES = Object.entries(FUNCTION_WORDS as unknown as Lexicon).filter(([k, v]) => k !== 'why' && Array.isArray(v));
const WORD_LANGUAGE = new Map<string, string[]>();
for (const [lang, list] of LANGUAGES) for (const w of list) WORD_LANGUAGE.set(w, [...(WORD_LANGUAGE.get(w) ?? []), lang]);

/** Any character of the scripts above: most items have none, and skip counting them. */
const ANY_SCRIPT = new RegExp(`[${SCRIPTS.map(([, re]) => re.source.slice(1, -1)).join('')}]`);

/** How much text is enough to decide: the headline and the opening of the body. */
const SAMPLE_CHARS = 1_500;

/**
 * The language of an item as an ISO 639-1 code. English is the default for short, mixed or letterless text: the
 * classifier only steps aside when another language clearly dominates.
 */
export function detectLanguage(title: string, text: string): string {
  const sample = `${title} ${text.slice(0, SAMPLE_CHARS)}`;
  if (ANY_SCRIPT.test(sample)) {
    const letters = (sample.match(/\p{L}/gu) ?? []).length;
    for (const [lang, re] of letters > 0 ? SCRIPTS : []) {
      const n = (sample.match(re) ?? []).length;
      if (n / letters > 0.3) return lang;
    }
  }
  const counts = new Map<string, number>();
  for (const w of sample.toLowerCase().split(/[^\p{L}]+/u)) {
    const langs = WORD_LANGUAGE.get(w);
    if (langs) for (const lang of langs) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  const en = counts.get('en') ?? 0;
  let other = 'en';
  let otherCount = 0;
  for (const [lang, n] of counts) if (lang !== 'en' && n > otherCount) [other, otherCount] = [lang, n];
  // Two foreign function words and more than English ones in a headline; in longer text, twice as many. English
  // text wins on the first test, and skips counting its words.
  if (otherCount < 2 || otherCount <= en) return 'en';
  const margin = sample.split(/\s+/).length <= 20 ? 1 : 2;
  return otherCount > en * margin ? other : 'en';
}

export interface Sentence {
  text: string;
  /** 0 is the title; 1.. are sentences of the body in order. */
  index: number;
  isTitle: boolean;
}

// Tokens that end in a period without ending a sentence ("Inc.", "Dr.", "Jan. 29").
const ABBREVIATIONS = new Set([
  'inc', 'ltd', 'co', 'corp', 'plc', 'llc', 'bros', 'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'sr', 'jr', 'mt', 'ft', 'no', 'nos',
  'vs', 'etc', 'al', 'approx', 'dept', 'univ', 'assn', 'est', 'fig', 'vol', 'ph', 'rev', 'gen', 'gov', 'sen', 'rep', 'inst',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'e.g', 'i.e', 'n.v', 's.a', 's.p.a',
  'ag', 'nasdaq', 'nyse',
]);

const CANDIDATE_END = /[.!?]+["')\]]*(?=\s+["'([]?[A-Z0-9\u00C0-\u024F\u0400-\u04FF$€£-])/g;
const BULLET = /^\s*(?:[-*\u2022\u25CF\u2192>]+\s*)+/;

function isAbbreviationBefore(chunk: string, dotIndex: number): boolean {
  let start = dotIndex;
  while (start > 0 && /[A-Za-z.]/.test(chunk[start - 1])) start--;
  const word = chunk.slice(start, dotIndex);
  if (word.length === 0) return false;
  // Initials and dotted acronyms: "N.N.", "U.S.", "M.D.", a single capital letter.
  if (/^(?:[A-Za-z]\.)*[A-Za-z]$/.test(word) && (word.length === 1 || word.includes('.'))) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** Splits one paragraph; periods after initials and corporate abbreviations do not end a sentence. */
function splitParagraph(paragraph: string): string[] {
  const out: string[] = [];
  let from = 0;
  CANDIDATE_END.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE_END.exec(paragraph)) !== null) {
    const end = m.index + m[0].length;
    if (m[0][0] === '.' && isAbbreviationBefore(paragraph, m.index)) continue;
    out.push(paragraph.slice(from, end));
    from = end;
  }
  out.push(paragraph.slice(from));
  return out;
}

const MAX_SENTENCES = 400;

/** Title first (index 0), then body sentences; a body that repeats the title does not repeat it. */
export function splitSentences(title: string, text: string, maxSentences = MAX_SENTENCES): Sentence[] {
  const sentences: Sentence[] = [];
  const cleanTitle = title.replace(/\s+/g, ' ').trim();
  sentences.push({ text: cleanTitle, index: 0, isTitle: true });
  let body = text;
  const lead = body.trimStart();
  if (cleanTitle.length > 20 && lead.startsWith(cleanTitle)) body = lead.slice(cleanTitle.length);
  // Paragraphs are cut one at a time: the classifier asks for a dozen sentences of releases up to 40,000 characters.
  for (let from = 0, end = 0; from < body.length; from = end + 1) {
    end = body.indexOf('\n', from);
    if (end < 0) end = body.length;
    if (end === from) continue;
    for (const raw of splitParagraph(body.slice(from, end))) {
      const s = raw.replace(BULLET, '').replace(/\s+/g, ' ').trim();
      if (s.length < 3) continue;
      if (sentences.length > 1 && s === cleanTitle) continue;
      sentences.push({ text: s, index: sentences.length, isTitle: false });
      if (sentences.length >= maxSentences) return sentences;
    }
  }
  return sentences;
}

// Caps keep every regex pass linear and bounded: the longest real press release is far below these.
export const MAX_TITLE_CHARS = 2_000;
export const MAX_TEXT_CHARS = 40_000;

const ZERO_WIDTH = '\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF';
const SINGLE_QUOTES = '\u2018\u2019\u201A\u201B\u2032\u00B4`';
const DOUBLE_QUOTES = '\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB';
const DASHES = '\u2010\u2011\u2012\u2212';
const SPACES = '\u00A0\u2000-\u200A\u202F\u205F\u3000\t\f\v';
const LINE_SEPARATORS = '\u2028\u2029\u0085\r';

// The six character classes are disjoint and no replacement falls in another class, so one pass with a lookup gives
// the same text as six passes of replace().
const REPLACEMENTS: readonly (readonly [string, string])[] = [
  [ZERO_WIDTH, ''], [SINGLE_QUOTES, "'"], [DOUBLE_QUOTES, '"'], [DASHES, '-'], [SPACES, ' '], [LINE_SEPARATORS, '\n'],
];
const CLASSES = REPLACEMENTS.map(([chars, to]) => [new RegExp(`^[${chars}]$`), to] as const);
const ANY = new RegExp(`[${REPLACEMENTS.map(([chars]) => chars).join('')}]`, 'g');

function replacementFor(char: string): string {
  for (const [re, to] of CLASSES) if (re.test(char)) return to;
  return char;
}

/** Untrusted input → a plain string with one quote and space style; never throws. */
export function normalizeText(value: unknown, maxChars: number): string {
  if (typeof value !== 'string' || value.length === 0) return '';
  const capped = value.length > maxChars ? value.slice(0, maxChars) : value;
  return capped.replace(ANY, replacementFor);
}

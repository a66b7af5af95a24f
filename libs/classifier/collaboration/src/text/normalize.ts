// Caps keep every regex pass linear and bounded: the longest real press release is far below these.
export const MAX_TITLE_CHARS = 2_000;
export const MAX_TEXT_CHARS = 40_000;

const ZERO_WIDTH = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u00B4`]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010\u2011\u2012\u2212]/g;
const SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000\t\f\v]/g;
const LINE_SEPARATORS = /[\u2028\u2029\u0085\r]/g;

/** Untrusted input → a plain string with one quote and space style; never throws. */
export function normalizeText(value: unknown, maxChars: number): string {
  if (typeof value !== 'string' || value.length === 0) return '';
  const capped = value.length > maxChars ? value.slice(0, maxChars) : value;
  return capped
    .replace(ZERO_WIDTH, '')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(SPACES, ' ')
    .replace(LINE_SEPARATORS, '\n');
}

import { MAX_TEXT, MAX_TITLE, cleanBlock as cleanBlockScrubbed, cleanLine as cleanLineScrubbed, truncate } from '@pharma-radar/ingest-extract';

/**
 * cleanLine and cleanBlock of ingest-extract, with the same results: one regular expression over the whole text
 * instead of three scrubbing passes, a split and one per line (cleanBlock took a sixth of a feed's parse). Text with
 * anything to scrub away (controls, invisible formatting, lone surrogates) still goes the scrubbing way.
 */

// What scrub() removes or rewrites, but for CR, VT, FF, U+2028 and U+2029: they are line breaks to scrub() and
// whitespace to a regular expression, so collapsing whitespace runs reads them as line breaks all the same. NEL is here
// (scrub() makes it a line break, a regular expression does not count it as whitespace), and so are lone surrogates
// (pairs are fine), found by isWellFormed.
// eslint-disable-next-line no-control-regex
const SCRUBBED = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\uFFFE\uFFFF]/;
// Whitespace to rewrite: a run of two or more, or one that is not a plain space.
const SPACE_RUN = /\s{2,}|[^\S ]/g;
const BREAK = /[\n\r\v\f\u2028\u2029]/;

// String.prototype.isWellFormed (no lone surrogates) is ES2024, in every Node we run on; our lib setting is ES2023.
export function isWellFormed(s: string): boolean {
  return (s as unknown as { isWellFormed(): boolean }).isWellFormed();
}

function needsScrub(s: string): boolean {
  return SCRUBBED.test(s) || !isWellFormed(s);
}

/**
 * Whether a short text is already one clean line: printable ASCII with single spaces inside. Titles, dates and
 * categories mostly are, and one loop over a few dozen characters costs less than the four scans of the general path.
 */
function isPlainLine(s: string, max: number): boolean {
  if (s.length > 256 || s.length > max) return false;
  let space = true; // at the start, a space would be leading
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (space) return false;
      space = true;
    } else if (c > 32 && c < 127) space = false;
    else return false;
  }
  return !space || s.length === 0;
}

/** One line of plain text (see ingest-extract's cleanLine). */
export function cleanLine(s: string, max = MAX_TITLE): string {
  if (isPlainLine(s, max)) return s;
  return needsScrub(s) ? cleanLineScrubbed(s, max) : truncate(s.trim().replace(SPACE_RUN, ' '), max);
}

/** Plain text with paragraphs kept as single newlines (see ingest-extract's cleanBlock). */
export function cleanBlock(s: string, max = MAX_TEXT): string {
  if (needsScrub(s)) return cleanBlockScrubbed(s, max);
  return truncate(s.trim().replace(SPACE_RUN, (run) => (BREAK.test(run) ? '\n' : ' ')), max);
}

/** Plain-text hygiene shared by feed text and article text. */
export const MAX_TEXT = 200_000;
export const MAX_TITLE = 1_000;

// C0/C1 controls except tab/newline, bidi embeddings/overrides/isolates, zero-width and invisible formatting.
// A U+202E in a title can make "gpj.exe" read as "exe.jpg"; zero-width characters defeat keyword matching.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\uFFFE\uFFFF]/g;
// Lone surrogates (from &#xD800; style input, or broken decoders) are not text.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Line breaks that mail and chat treat as new lines (\u0085 NEL, \u2028, \u2029): header injection needs them.
// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /\r\n?|[\u0085\u2028\u2029\u000B\u000C]/g;

export function scrub(s: string): string {
  return s.replace(LINE_BREAKS, '\n').replace(INVISIBLE, '').replace(LONE_SURROGATE, '');
}

/** Cuts at a code point boundary so a cap never leaves half a surrogate pair. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max;
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut -= 1;
  return s.slice(0, cut).trimEnd();
}

/** One line of plain text: what titles, authors and categories must be (no CR/LF can reach a mail header). */
export function cleanLine(s: string, max = MAX_TITLE): string {
  return truncate(scrub(s).replace(/\s+/g, ' ').trim(), max);
}

/** Plain text with paragraphs kept as single newlines. */
export function cleanBlock(s: string, max = MAX_TEXT): string {
  const lines = scrub(s)
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l.length > 0);
  return truncate(lines.join('\n'), max);
}

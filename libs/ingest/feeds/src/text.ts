import { decodeHtmlEntities } from './entities';
import { tokenizeHtml } from './html-tokens';

export const MAX_TITLE = 1_000;
export const MAX_TEXT = 200_000;
export const MAX_HTML = 500_000;
export const MAX_LABEL = 200;
export const MAX_CATEGORIES = 50;
export const MAX_AUTHORS = 20;

// C0/C1 controls except tab/newline, bidi embeddings/overrides/isolates, zero-width and invisible formatting.
// A U+202E in a title can make "gpj.exe" read as "exe.jpg"; zero-width characters defeat keyword matching.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\uFFFE\uFFFF]/g;
// Lone surrogates (from &#xD800; style input, or broken decoders) are not text.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Line breaks that mail and chat treat as new lines (\u0085 NEL, \u2028, \u2029): header injection needs them.
// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /\r\n?|[\u0085\u2028\u2029\u000B\u000C]/g;

function scrub(s: string): string {
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

const BLOCK = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'dl', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'table', 'blockquote',
  'section', 'article', 'header', 'footer', 'aside', 'nav', 'pre', 'hr', 'figure', 'figcaption', 'main', 'address', 'td', 'th',
]);
const DROP = new Set(['script', 'style', 'textarea', 'xmp', 'noscript', 'template', 'iframe', 'noembed', 'noframes', 'head']);

/** Raw HTML fragment text (not yet capped, not yet scrubbed). */
export function htmlToRawText(html: string): string {
  const capped = html.length > MAX_HTML * 4 ? html.slice(0, MAX_HTML * 4) : html;
  if (!capped.includes('<') && !capped.includes('&')) return capped;
  const out: string[] = [];
  let dropDepth = 0;
  for (const t of tokenizeHtml(capped)) {
    if (t.kind === 'text') {
      if (dropDepth === 0) out.push(t.text);
    } else if (t.kind === 'open') {
      if (DROP.has(t.name) && !t.selfClosing) dropDepth++;
      else if (BLOCK.has(t.name)) out.push('\n');
    } else {
      if (DROP.has(t.name)) dropDepth = Math.max(0, dropDepth - 1);
      else if (BLOCK.has(t.name)) out.push('\n');
    }
  }
  return decodeHtmlEntities(out.join(''));
}

/** HTML (or text that may hold markup or entities) to one clean line. */
export function htmlToLine(html: string, max = MAX_TITLE): string {
  return cleanLine(htmlToRawText(html), max);
}

/** HTML to clean plain text with paragraph breaks. */
export function htmlToText(html: string, max = MAX_TEXT): string {
  return cleanBlock(htmlToRawText(html), max);
}

/** Nulls empty strings, so "no summary" is one value. */
export function orNull(s: string): string | null {
  return s.length > 0 ? s : null;
}

import { decodeHtmlEntities } from './entities';
import { MAX_TEXT, MAX_TITLE, truncate } from '@pharma-radar/ingest-extract';
import { cleanBlock, cleanLine } from './clean-text';
import { BANG, QUESTION, SLASH, isLetter, tagEnd } from './markup-scan';

export { MAX_TEXT, MAX_TITLE, cleanBlock, cleanLine, truncate };

export const MAX_HTML = 500_000;
export const MAX_LABEL = 200;
export const MAX_CATEGORIES = 50;
export const MAX_AUTHORS = 20;

const BLOCK = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'dl', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'table', 'blockquote',
  'section', 'article', 'header', 'footer', 'aside', 'nav', 'pre', 'hr', 'figure', 'figcaption', 'main', 'address', 'td', 'th',
]);
// Elements whose content is not text. All but <head> hold raw text: no tag starts inside them before their close tag.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'xmp', 'noscript', 'template', 'iframe', 'noembed', 'noframes']);
const DROP = new Set([...RAW_TEXT, 'head']);

/** Longest tag name read, as ingest-extract's tokenizer reads them. */
const MAX_TAG_NAME = 64;

const isTagNameChar = (c: number) => isLetter(c) || (c >= 48 && c <= 58) || c === 95 || c === 45;

function closeTagAt(html: string, name: string, from: number): number {
  const close = `</${name}`;
  for (let j = from; ; ) {
    const k = html.indexOf('</', j);
    if (k === -1 || html.slice(k, k + close.length).toLowerCase() === close) return k;
    j = k + 2;
  }
}

/**
 * Raw HTML fragment text (not yet capped, not yet scrubbed): the text ingest-extract's tokenizer finds, with a line
 * break for every block element, nothing from scripts, styles or <head>. One pass that builds no token objects (the
 * generator took a tenth of a feed's parse).
 */
export function htmlToRawText(html: string): string {
  const h = html.length > MAX_HTML * 4 ? html.slice(0, MAX_HTML * 4) : html;
  if (!h.includes('<')) return h.includes('&') ? decodeHtmlEntities(h) : h;
  const out: string[] = [];
  let drop = 0;
  const n = h.length;
  let i = 0;
  while (i < n) {
    const lt = h.indexOf('<', i);
    if (lt === -1) {
      if (drop === 0) out.push(h.slice(i));
      break;
    }
    if (lt > i && drop === 0) out.push(h.slice(i, lt));
    i = lt;
    const next = h.charCodeAt(i + 1);
    if (next === BANG && h.startsWith('<!--', i)) {
      const end = h.indexOf('-->', i + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (next === BANG && h.startsWith('<![CDATA[', i)) {
      const end = h.indexOf(']]>', i + 9);
      if (drop === 0) out.push(h.slice(i + 9, end === -1 ? n : end));
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (next === BANG || next === QUESTION) {
      const end = h.indexOf('>', i + 2);
      i = end === -1 ? n : end + 1;
      continue;
    }
    const closing = next === SLASH;
    const at = i + (closing ? 2 : 1);
    let len = 0;
    if (isLetter(h.charCodeAt(at))) {
      len = 1;
      while (len < MAX_TAG_NAME && isTagNameChar(h.charCodeAt(at + len))) len++;
    }
    if (len === 0) {
      // A lone "<" (as in "a < b") is text.
      if (drop === 0) out.push('<');
      i += 1;
      continue;
    }
    const name = h.slice(at, at + len).toLowerCase();
    // From the same place as the tokenizer (for a close tag, the last letter of its name): where an unclosed tag ends.
    const end = tagEnd(h, i + len + 1, true);
    const stop = end === -1 ? n : end;
    i = end === -1 ? n : end + 1;
    if (closing) {
      if (DROP.has(name)) drop = Math.max(0, drop - 1);
      else if (BLOCK.has(name)) out.push('\n');
      continue;
    }
    const selfClosing = stop > at + len && h.charCodeAt(stop - 1) === SLASH;
    if (DROP.has(name) && !selfClosing) drop++;
    else if (BLOCK.has(name)) out.push('\n');
    if (RAW_TEXT.has(name) && !selfClosing) {
      const close = closeTagAt(h, name, i);
      i = close === -1 ? n : close;
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

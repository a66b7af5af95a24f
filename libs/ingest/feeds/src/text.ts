import { decodeHtmlEntities } from './entities';
import { MAX_TEXT, MAX_TITLE, cleanBlock, cleanLine, truncate } from '@pharma-radar/ingest-extract';
import { tokenizeHtml } from './html-tokens';

export { MAX_TEXT, MAX_TITLE, cleanBlock, cleanLine, truncate };

export const MAX_HTML = 500_000;
export const MAX_LABEL = 200;
export const MAX_CATEGORIES = 50;
export const MAX_AUTHORS = 20;

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

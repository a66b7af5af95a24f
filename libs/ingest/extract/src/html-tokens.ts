/** A linear, forgiving HTML tokenizer: enough structure for text extraction, no DOM. */
export type HtmlToken =
  | { kind: 'text'; text: string }
  | { kind: 'open'; name: string; attrs: string; selfClosing: boolean }
  | { kind: 'close'; name: string }
  /** Only with { raw: true }: the untouched content of a script, style... element (JSON-LD lives there). */
  | { kind: 'raw'; name: string; text: string };

// Their content is not markup; skip straight to the closing tag so "<" inside scripts cannot start tags.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'xmp', 'noscript', 'template', 'iframe', 'noembed', 'noframes']);
const NAME = /^[A-Za-z][A-Za-z0-9:_-]*/;

export function* tokenizeHtml(html: string, opts: { raw?: boolean } = {}): Generator<HtmlToken> {
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      yield { kind: 'text', text: html.slice(i) };
      return;
    }
    if (lt > i) yield { kind: 'text', text: html.slice(i, lt) };
    i = lt;
    const next = html[i + 1];
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (html.startsWith('<![CDATA[', i)) {
      const end = html.indexOf(']]>', i + 9);
      yield { kind: 'text', text: html.slice(i + 9, end === -1 ? n : end) };
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (next === '!' || next === '?') {
      const end = html.indexOf('>', i + 2);
      i = end === -1 ? n : end + 1;
      continue;
    }
    const closing = next === '/';
    const m = NAME.exec(html.slice(i + (closing ? 2 : 1), i + (closing ? 2 : 1) + 64));
    if (!m) {
      // A lone "<" (as in "a < b") is text.
      yield { kind: 'text', text: '<' };
      i += 1;
      continue;
    }
    const name = m[0].toLowerCase();
    const end = findTagEnd(html, i + m[0].length + 1);
    const inner = html.slice(i + m[0].length + (closing ? 2 : 1), end === -1 ? n : end);
    i = end === -1 ? n : end + 1;
    if (closing) {
      yield { kind: 'close', name };
      continue;
    }
    const selfClosing = inner.endsWith('/');
    yield { kind: 'open', name, attrs: inner, selfClosing };
    if (RAW_TEXT.has(name) && !selfClosing) {
      const close = indexOfCloseTag(html, name, i);
      if (opts.raw) yield { kind: 'raw', name, text: html.slice(i, close === -1 ? n : close) };
      i = close === -1 ? n : close;
    }
  }
}

/** Index of the ">" ending a tag, honouring quoted attribute values. */
function findTagEnd(html: string, from: number): number {
  let quote = '';
  for (let j = from; j < html.length; j++) {
    const c = html[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return j;
    } else if (c === '<' && j > from && /[A-Za-z/!]/.test(html[j + 1] ?? '')) {
      // An unclosed tag ("<a href=x <b>"): end it before the next one rather than swallowing the page.
      return j - 1;
    }
  }
  return -1;
}

function indexOfCloseTag(html: string, name: string, from: number): number {
  const lower = `</${name}`;
  let j = from;
  for (;;) {
    const k = html.indexOf('</', j);
    if (k === -1) return -1;
    if (html.slice(k, k + lower.length).toLowerCase() === lower) return k;
    j = k + 2;
  }
}

/** Value of one attribute in a tag's attribute text, entity-decoding left to the caller. */
export function attrValue(attrs: string, name: string): string | null {
  const re = new RegExp(`(?:^|[\\s"'/])${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i');
  const m = re.exec(attrs);
  if (!m) return null;
  return m[1] ?? m[2] ?? m[3] ?? '';
}

/**
 * Every attribute of a tag's attribute text in one linear pass, names lower-cased, values not entity-decoded; the
 * first of a repeated name wins (as in browsers).
 */
export function parseAttrs(attrs: string): Map<string, string> {
  const out = new Map<string, string>();
  const n = attrs.length;
  let i = 0;
  while (i < n) {
    while (i < n && (isSpace(attrs.charCodeAt(i)) || attrs[i] === '/')) i++;
    const start = i;
    while (i < n && !isSpace(attrs.charCodeAt(i)) && attrs[i] !== '=' && attrs[i] !== '/' && attrs[i] !== '>') i++;
    if (i === start) {
      i++;
      continue;
    }
    const name = attrs.slice(start, i).toLowerCase();
    while (i < n && isSpace(attrs.charCodeAt(i))) i++;
    let value = '';
    if (attrs[i] === '=') {
      i++;
      while (i < n && isSpace(attrs.charCodeAt(i))) i++;
      const q = attrs[i];
      if (q === '"' || q === "'") {
        const end = attrs.indexOf(q, i + 1);
        value = attrs.slice(i + 1, end === -1 ? n : end);
        i = end === -1 ? n : end + 1;
      } else {
        const vs = i;
        while (i < n && !isSpace(attrs.charCodeAt(i))) i++;
        value = attrs.slice(vs, i);
      }
    }
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

// Character references in feed text: the HTML 4 names (no DTD is ever read) and the Windows-1252 and XML Char rules,
// from ingest-extract, which reads pages by the same rules.
import { CP1252, HTML4_ENTITIES, isXmlChar } from '@pharma-radar/ingest-extract';

export { isXmlChar };

/** The five entities XML itself defines; everything else needs a DTD, which we never read. */
export const XML_ENTITIES: ReadonlySet<string> = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

export function namedEntity(name: string): string | undefined {
  // Map lookup, not an object index: "&constructor;" must not find Object.prototype.constructor.
  return HTML4_ENTITIES.get(name) ?? HTML4_ENTITIES.get(name.toLowerCase());
}


/** Code point of a numeric reference body ("#65", "#x41"), or null when it is not a valid XML character. */
export function numericRef(body: string): number | null {
  const hex = body[1] === 'x' || body[1] === 'X';
  const digits = body.slice(hex ? 2 : 1);
  if (digits.length === 0 || digits.length > 8 || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return null;
  const cp = parseInt(digits, hex ? 16 : 10);
  return isXmlChar(cp) ? cp : null;
}


/**
 * Decodes HTML character references in text that is already out of XML (titles, HTML fragments).
 * Invalid references (&#0;, &#xD800;, unknown names) never produce a code point we would have to strip later:
 * numeric ones become nothing, unknown names stay literal.
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});?/g, (whole, body: string) => {
    if (body[0] === '#') {
      const hex = body[1] === 'x' || body[1] === 'X';
      let cp = parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      if (CP1252[cp] !== undefined) cp = CP1252[cp];
      return isXmlChar(cp) ? String.fromCodePoint(cp) : '';
    }
    if (!whole.endsWith(';') && !HTML4_ENTITIES.has(body)) return whole;
    return namedEntity(body) ?? whole;
  });
}

const AMP = 38;
const HASH = 35;
const SEMI = 59;

/** Value of the numeric reference whose digits start at `at` (after "&#"), and where its ";" is; null if malformed. */
function readNumeric(s: string, at: number): { cp: number; semi: number } | null {
  let j = at;
  const hex = (s.charCodeAt(j) | 32) === 120;
  if (hex) j++;
  const start = j;
  let v = 0;
  for (; j - start < 8; j++) {
    const d = s.charCodeAt(j);
    if (d >= 48 && d <= 57) v = v * (hex ? 16 : 10) + d - 48;
    else if (hex && (d | 32) >= 97 && (d | 32) <= 102) v = v * 16 + (d | 32) - 87;
    else break;
  }
  return j > start && s.charCodeAt(j) === SEMI ? { cp: v, semi: j } : null;
}

/**
 * XML character data to the characters it means, in one pass over the string (a regular expression with a callback
 * took over a second for 5 MB of `&#65;`): the five XML entities and the HTML named ones (no DTD is ever read),
 * numeric references as XML reads them (&#x85; is NEL, a line break text cleaning removes; code points XML forbids
 * dropped).
 * A bare "&" or an unknown name stays as written. The output is never longer than the input: no reference expands.
 * The ";" of a name is looked for within the longest name only: 5 MB of bare "&" must not scan ahead once per "&".
 */
export function decodeXmlText(s: string): string {
  let amp = s.indexOf('&');
  if (amp === -1) return s;
  // Text between references is copied as slices; past SPARSE_REFS references, code units into one buffer instead.
  const out: string[] = [];
  let from = 0;
  for (let refs = 0; amp !== -1; refs++) {
    if (refs === SPARSE_REFS) return decodeDense(s);
    const ref = readReference(s, amp);
    if (ref) {
      if (amp > from) out.push(s.slice(from, amp));
      if (ref.value.length > 0) out.push(ref.value);
      from = ref.end;
    }
    amp = s.indexOf('&', ref ? from : amp + 1);
  }
  if (from === 0) return s;
  out.push(s.slice(from));
  return out.join('');
}

const SPARSE_REFS = 1_000;
const utf16 = new TextDecoder('utf-16le');

/** decodeXmlText for text dense with references (5 MB of `&#65;`): no string per reference. */
function decodeDense(s: string): string {
  const n = s.length;
  const buf = new Uint16Array(n);
  let o = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const ref = c === AMP ? readReference(s, i) : null;
    if (!ref) {
      buf[o++] = c;
      continue;
    }
    for (let k = 0; k < ref.value.length; k++) buf[o++] = ref.value.charCodeAt(k);
    i = ref.end - 1;
  }
  return utf16.decode(buf.subarray(0, o));
}

/** The reference at s[amp] === "&" and where it ends, or null when that "&" is literal. */
function readReference(s: string, amp: number): { value: string; end: number } | null {
  if (s.charCodeAt(amp + 1) === HASH) {
    const ref = readNumeric(s, amp + 2);
    return ref ? { value: isXmlChar(ref.cp) ? String.fromCodePoint(ref.cp) : '', end: ref.semi + 1 } : null;
  }
  const semi = nameEnd(s, amp);
  const value = semi > amp + 1 ? namedEntity(s.slice(amp + 1, semi)) : undefined;
  return value === undefined ? null : { value, end: semi + 1 };
}

/** The ";" ending a named reference that starts at `amp`, looked for only as far as the longest name (33 on). */
function nameEnd(s: string, amp: number): number {
  const limit = Math.min(s.length, amp + 34);
  for (let k = amp + 1; k < limit; k++) if (s.charCodeAt(k) === SEMI) return k;
  return -1;
}

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
 */
export function decodeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  const n = s.length;
  const buf = new Uint16Array(n);
  let o = 0;
  const put = (cp: number) => {
    if (cp < 0x10000) buf[o++] = cp;
    else {
      buf[o++] = 0xd800 + ((cp - 0x10000) >> 10);
      buf[o++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
    }
  };
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c !== AMP) {
      buf[o++] = c;
      continue;
    }
    if (s.charCodeAt(i + 1) === HASH) {
      const ref = readNumeric(s, i + 2);
      if (ref) {
        if (isXmlChar(ref.cp)) put(ref.cp);
        i = ref.semi;
        continue;
      }
    } else {
      const semi = s.indexOf(';', i + 1);
      if (semi > i + 1 && semi - i <= 33) {
        const ch = namedEntity(s.slice(i + 1, semi));
        if (ch !== undefined) {
          for (let k = 0; k < ch.length; k++) buf[o++] = ch.charCodeAt(k);
          i = semi;
          continue;
        }
      }
    }
    buf[o++] = c;
  }
  return new TextDecoder('utf-16le').decode(buf.subarray(0, o));
}

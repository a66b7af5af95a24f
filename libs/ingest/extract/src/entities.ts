// HTML 4 named entities (plus &apos;), as in feeds' XML guard: what pages use most. name:hex code point.
const TABLE =
  'nbsp:a0 iexcl:a1 cent:a2 pound:a3 curren:a4 yen:a5 brvbar:a6 sect:a7 uml:a8 copy:a9 ordf:aa laquo:ab ' +
  'not:ac shy:ad reg:ae macr:af deg:b0 plusmn:b1 sup2:b2 sup3:b3 acute:b4 micro:b5 para:b6 middot:b7 ' +
  'cedil:b8 sup1:b9 ordm:ba raquo:bb frac14:bc frac12:bd frac34:be iquest:bf Agrave:c0 Aacute:c1 ' +
  'Acirc:c2 Atilde:c3 Auml:c4 Aring:c5 AElig:c6 Ccedil:c7 Egrave:c8 Eacute:c9 Ecirc:ca Euml:cb ' +
  'Igrave:cc Iacute:cd Icirc:ce Iuml:cf ETH:d0 Ntilde:d1 Ograve:d2 Oacute:d3 Ocirc:d4 Otilde:d5 Ouml:d6 ' +
  'times:d7 Oslash:d8 Ugrave:d9 Uacute:da Ucirc:db Uuml:dc Yacute:dd THORN:de szlig:df agrave:e0 ' +
  'aacute:e1 acirc:e2 atilde:e3 auml:e4 aring:e5 aelig:e6 ccedil:e7 egrave:e8 eacute:e9 ecirc:ea ' +
  'euml:eb igrave:ec iacute:ed icirc:ee iuml:ef eth:f0 ntilde:f1 ograve:f2 oacute:f3 ocirc:f4 otilde:f5 ' +
  'ouml:f6 divide:f7 oslash:f8 ugrave:f9 uacute:fa ucirc:fb uuml:fc yacute:fd thorn:fe yuml:ff fnof:192 ' +
  'Alpha:391 Beta:392 Gamma:393 Delta:394 Epsilon:395 Zeta:396 Eta:397 Theta:398 Iota:399 Kappa:39a ' +
  'Lambda:39b Mu:39c Nu:39d Xi:39e Omicron:39f Pi:3a0 Rho:3a1 Sigma:3a3 Tau:3a4 Upsilon:3a5 Phi:3a6 ' +
  'Chi:3a7 Psi:3a8 Omega:3a9 alpha:3b1 beta:3b2 gamma:3b3 delta:3b4 epsilon:3b5 zeta:3b6 eta:3b7 ' +
  'theta:3b8 iota:3b9 kappa:3ba lambda:3bb mu:3bc nu:3bd xi:3be omicron:3bf pi:3c0 rho:3c1 sigmaf:3c2 ' +
  'sigma:3c3 tau:3c4 upsilon:3c5 phi:3c6 chi:3c7 psi:3c8 omega:3c9 thetasym:3d1 upsih:3d2 piv:3d6 ' +
  'bull:2022 hellip:2026 prime:2032 Prime:2033 oline:203e frasl:2044 weierp:2118 image:2111 real:211c ' +
  'trade:2122 alefsym:2135 larr:2190 uarr:2191 rarr:2192 darr:2193 harr:2194 crarr:21b5 lArr:21d0 ' +
  'uArr:21d1 rArr:21d2 dArr:21d3 hArr:21d4 forall:2200 part:2202 exist:2203 empty:2205 nabla:2207 ' +
  'isin:2208 notin:2209 ni:220b prod:220f sum:2211 minus:2212 lowast:2217 radic:221a prop:221d ' +
  'infin:221e ang:2220 and:2227 or:2228 cap:2229 cup:222a int:222b there4:2234 sim:223c cong:2245 ' +
  'asymp:2248 ne:2260 equiv:2261 le:2264 ge:2265 sub:2282 sup:2283 nsub:2284 sube:2286 supe:2287 ' +
  'oplus:2295 otimes:2297 perp:22a5 sdot:22c5 lceil:2308 rceil:2309 lfloor:230a rfloor:230b lang:27e8 ' +
  'rang:27e9 loz:25ca spades:2660 clubs:2663 hearts:2665 diams:2666 quot:22 amp:26 lt:3c gt:3e apos:27 ' +
  'OElig:152 oelig:153 Scaron:160 scaron:161 Yuml:178 circ:2c6 tilde:2dc ensp:2002 emsp:2003 ' +
  'thinsp:2009 zwnj:200c zwj:200d lrm:200e rlm:200f ndash:2013 mdash:2014 lsquo:2018 rsquo:2019 ' +
  'sbquo:201a ldquo:201c rdquo:201d bdquo:201e dagger:2020 Dagger:2021 permil:2030 lsaquo:2039 ' +
  'rsaquo:203a euro:20ac';

/** The HTML 4 named entities (what feeds use without a DTD too: ingest-feeds reads them from here). */
export const HTML4_ENTITIES: ReadonlyMap<string, string> = new Map(
  TABLE.split(' ').map((pair) => {
    const [name, hex] = pair.split(':');
    return [name, String.fromCodePoint(parseInt(hex, 16))] as const;
  }),
);
const NAMED = new Map<string, string>(HTML4_ENTITIES);

// HTML5 names that news pages use often beyond HTML 4.
const HTML5: Record<string, number> = { nbsp: 0xa0, hairsp: 0x200a, NewLine: 0x0a, Tab: 0x09, period: 0x2e, comma: 0x2c, colon: 0x3a, lpar: 0x28, rpar: 0x29, quest: 0x3f, excl: 0x21, num: 0x23, dollar: 0x24, percnt: 0x25, ast: 0x2a, sol: 0x2f, bsol: 0x5c, lsqb: 0x5b, rsqb: 0x5d, lcub: 0x7b, rcub: 0x7d, vert: 0x7c, commat: 0x40, hyphen: 0x2010, dash: 0x2010, nbhy: 0x2011 };
for (const [name, cp] of Object.entries(HTML5)) if (!NAMED.has(name)) NAMED.set(name, String.fromCodePoint(cp));

// Windows-1252 bytes 0x80-0x9F that publishers write as numeric references (&#151; meaning an em dash).
export const CP1252: Readonly<Record<number, number>> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x2c6,
  0x89: 0x2030, 0x8a: 0x160, 0x8b: 0x2039, 0x8c: 0x152, 0x8e: 0x17d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x2dc, 0x99: 0x2122, 0x9a: 0x161, 0x9b: 0x203a,
  0x9c: 0x153, 0x9e: 0x17e, 0x9f: 0x178,
};

/** True for code points XML 1.0 allows in a document (the Char production); HTML text is held to the same. */
export function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/**
 * Decodes HTML character references; invalid numeric ones become nothing, unknown names stay literal. One linear scan
 * (no regex callback per reference: 5 MB of "&#65;" took seconds that way), stopping once `max` characters are out.
 */
export function decodeHtmlEntities(text: string, max = Infinity): string {
  let amp = text.indexOf('&');
  if (amp === -1) return text.length > max ? text.slice(0, max) : text;
  const out: string[] = [];
  let len = 0;
  let from = 0;
  while (amp !== -1 && len < max) {
    if (amp > from) {
      out.push(text.slice(from, amp));
      len += amp - from;
    }
    const ref = readReference(text, amp);
    if (ref) {
      out.push(ref.value);
      len += ref.value.length;
      from = ref.end;
    } else {
      out.push('&');
      len += 1;
      from = amp + 1;
    }
    amp = text.indexOf('&', from);
  }
  if (len < max) out.push(text.slice(from, from + (max - len)));
  const joined = out.join('');
  return joined.length > max ? joined.slice(0, max) : joined;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isAlnum = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** The reference starting at text[at] === '&', or null when it is not one (then "&" is literal). */
function readReference(text: string, at: number): { value: string; end: number } | null {
  let i = at + 1;
  if (text[i] === '#') {
    const hex = text[i + 1] === 'x' || text[i + 1] === 'X';
    i += hex ? 2 : 1;
    const start = i;
    while (i < text.length && i - start < 8 && (hex ? isHex(text.charCodeAt(i)) : isDigit(text.charCodeAt(i)))) i++;
    if (i === start) return null;
    let cp = parseInt(text.slice(start, i), hex ? 16 : 10);
    if (text[i] === ';') i++;
    if (CP1252[cp] !== undefined) cp = CP1252[cp];
    return { value: isXmlChar(cp) ? String.fromCodePoint(cp) : '', end: i };
  }
  const start = i;
  while (i < text.length && i - start < 32 && isAlnum(text.charCodeAt(i))) i++;
  if (i - start < 2 || isDigit(text.charCodeAt(start))) return null;
  const name = text.slice(start, i);
  const terminated = text[i] === ';';
  if (!terminated && !NAMED.has(name)) return null;
  const value = NAMED.get(name) ?? NAMED.get(name.toLowerCase());
  return value === undefined ? null : { value, end: terminated ? i + 1 : i };
}

/** One link of an HTTP Link header (RFC 8288): its target and relation types, lower-cased. */
export interface HeaderLink {
  href: string;
  rels: string[];
}

const MAX_HEADER = 8_192;
const MAX_LINKS = 32;

/**
 * Parses `<https://hub.example/>; rel="hub", <https://feed.example/rss>; rel=self`. Commas and semicolons inside
 * `<...>` or quotes do not split. Malformed parts are skipped rather than failing the whole header: a feed's other
 * links stay usable.
 */
export function parseLinkHeader(value: string | undefined | null): HeaderLink[] {
  if (!value) return [];
  const s = value.slice(0, MAX_HEADER);
  const out: HeaderLink[] = [];
  let i = 0;
  while (i < s.length && out.length < MAX_LINKS) {
    const open = s.indexOf('<', i);
    if (open < 0) break;
    const close = s.indexOf('>', open + 1);
    if (close < 0) break;
    const href = s.slice(open + 1, close).trim();
    // Parameters run to the next comma outside quotes.
    let j = close + 1;
    let quoted = false;
    for (; j < s.length; j++) {
      const c = s[j];
      if (c === '"') quoted = !quoted;
      else if (c === '\\' && quoted) j++;
      else if (c === ',' && !quoted) break;
    }
    const rels: string[] = [];
    for (const param of splitParams(s.slice(close + 1, j))) {
      const eq = param.indexOf('=');
      if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'rel') continue;
      const raw = param.slice(eq + 1).trim().replace(/^"(.*)"$/s, '$1');
      for (const r of raw.split(/\s+/)) if (r) rels.push(r.toLowerCase());
    }
    if (href) out.push({ href, rels });
    i = j + 1;
  }
  return out;
}

function splitParams(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((p) => p.trim()).filter(Boolean);
}

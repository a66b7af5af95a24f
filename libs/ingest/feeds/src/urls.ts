export const MAX_URL = 4_000;

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// Characters that never belong in a published link; their presence means markup leaked into <link>.
// eslint-disable-next-line no-control-regex
const NOT_IN_LINKS = /[\s<>"`\u0000-\u001F\u007F]/;

/**
 * An absolute http(s) link, or null. Relative links resolve against `base` (xml:base or the feed URL);
 * javascript:, data:, vbscript:, file: and protocol-relative links are refused, not "fixed".
 */
export function resolveLink(raw: string | null | undefined, base?: string | null): string | null {
  return parseLink(raw, base)?.href ?? null;
}

/** resolveLink, as the parsed URL. */
function parseLink(raw: string | null | undefined, base?: string | null): URL | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (s.length === 0 || s.length > MAX_URL || NOT_IN_LINKS.test(s)) return null;
  // "//evil.example" takes the host from the publisher's data while looking relative; "\\" is the same to browsers.
  if (/^[/\\]{2}/.test(s)) return null;
  let url: URL;
  try {
    if (SCHEME.test(s)) url = new URL(s);
    else {
      const b = base ? absoluteHttpBase(base) : null;
      if (!b) return null;
      url = new URL(s, b);
    }
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || !url.hostname) return null;
  return url.href.length > MAX_URL ? null : url;
}

function absoluteHttpBase(base: string): string | null {
  try {
    const u = new URL(base.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Resolves a (possibly relative) xml:base against the base in scope; non-http results keep the outer base. */
export function joinBase(outer: string | null, xmlBase: string): string | null {
  const s = xmlBase.trim();
  if (s === '') return outer;
  try {
    const u = outer ? new URL(s, outer) : new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : outer;
  } catch {
    return outer;
  }
}

// Query parameters that only say who sent the click; two links differing in these are the same article.
const TRACKING = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'igshid', 'mc_cid', 'mc_eid',
  '_ga', '_gl', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv', 'rb_clickid',
  's_cid', 'cmpid', 'ncid', 'sr_share', 'ref_src', 'ref_url', 'spm', 'at_medium', 'at_campaign', 'wt_mc', 'wt.mc_id',
  'dmcid',
]);

function isTracking(key: string): boolean {
  const k = key.toLowerCase();
  return k.startsWith('utm_') || k.startsWith('pk_') || k.startsWith('mtm_') || TRACKING.has(k);
}

/**
 * The identity of a link, for dedup: https (http and https versions of one page are one article), lower-case host
 * without a trailing dot, no default port, no fragment, no credentials, no tracking parameters, the remaining
 * parameters sorted, no trailing slash on the path. Returns null for anything that is not an absolute http(s) URL.
 * This is a key, not a fetch target: fetch `link`, which keeps the publisher's scheme.
 */
export function canonicalUrl(url: string): string | null {
  const u = parseLink(url);
  if (!u) return null;
  // Each URL setter re-serialises the whole URL, so only the ones that change something run (a third of the time).
  if (u.protocol !== 'https:') u.protocol = 'https:';
  if (u.href.includes('#')) u.hash = '';
  // The URL parser has lower-cased the host already.
  if (u.hostname.endsWith('.')) u.hostname = u.hostname.replace(/\.$/, '');
  if (u.port === '80' || u.port === '443') u.port = '';
  // No fragment is left, so a "?" can only start the query (an empty one included, which is dropped).
  if (u.href.includes('?')) {
    const params = [...u.searchParams.entries()].filter(([k]) => !isTracking(k));
    params.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
    u.search = new URLSearchParams(params).toString();
  }
  let path = u.pathname.replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  if (path !== u.pathname) u.pathname = path;
  return u.href;
}

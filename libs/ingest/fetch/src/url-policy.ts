/** What the fetcher may connect to. Everything internal is refused unless named here (tests name '127.0.0.1'). */
export interface UrlPolicy {
  /**
   * Private hosts that may be fetched: `host:port` (`[v6]:port` for IPv6) admits that one port; a bare host admits every
   * port (the CLI's --allow-host, where the operator names a test server by hand). Ingest's config only takes host:port.
   */
  allowPrivateHosts?: string[];
}

export interface AllowEntry {
  /** As WHATWG URL writes it (2130706433 becomes 127.0.0.1), lower case, IPv6 without brackets. */
  host: string;
  /** null: any port. */
  port: number | null;
}

export type UrlErrorCode =
  | 'URL_INVALID'
  | 'URL_TOO_LONG'
  | 'URL_SCHEME'
  | 'URL_CREDENTIALS'
  | 'URL_PRIVATE_ADDRESS'
  | 'URL_INTERNAL_HOST'
  | 'URL_HOMOGRAPH';

export type UrlCheck = { ok: true; url: URL } | { ok: false; code: UrlErrorCode; reason: string };

export const MAX_URL_LENGTH = 4_096;

// ---- addresses ----

function parseIPv4(s: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

/** Eight 16-bit groups, or null. Accepts "::", embedded dotted IPv4 and a %zone suffix. */
function parseIPv6(input: string): number[] | null {
  let s = input.replace(/^\[|\]$/g, '');
  const zone = s.indexOf('%');
  if (zone !== -1) s = s.slice(0, zone);
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return null;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (!v4) return null;
    s = `${s.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string) => (h === '' ? [] : h.split(':').map((g) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const total = head.length + rest.length;
  if (head.some(Number.isNaN) || rest.some(Number.isNaN)) return null;
  if (halves.length === 1 && total !== 8) return null;
  if (halves.length === 2 && total > 7) return null;
  const zeros = new Array(8 - total).fill(0);
  return [...head, ...(halves.length === 2 ? zeros : []), ...rest];
}

function v4Private([a, b, c]: number[]): boolean {
  return (
    a === 0 || // "this network", 0.0.0.0 reaches localhost on Linux
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // CGNAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) || // IETF protocol assignments, TEST-NET-1
    (a === 192 && b === 88 && c === 99) || // 6to4 relay anycast
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    (a === 198 && b === 51 && c === 100) || // TEST-NET-2
    (a === 203 && b === 0 && c === 113) || // TEST-NET-3
    a >= 224 // multicast, reserved, broadcast
  );
}

function embeddedV4(g: number[], hi: number, lo: number): number[] {
  return [g[hi] >> 8, g[hi] & 0xff, g[lo] >> 8, g[lo] & 0xff];
}

function v6Private(g: number[]): boolean {
  const allZeroTo = (k: number) => g.slice(0, k).every((x) => x === 0);
  if (allZeroTo(8)) return true; // ::
  if (allZeroTo(7) && g[7] === 1) return true; // ::1
  if (allZeroTo(5) && g[5] === 0xffff) return v4Private(embeddedV4(g, 6, 7)); // ::ffff:a.b.c.d
  if (allZeroTo(6)) return true; // deprecated IPv4-compatible ::a.b.c.d: nothing public lives there
  if (allZeroTo(4) && g[4] === 0xffff && g[5] === 0) return v4Private(embeddedV4(g, 6, 7)); // ::ffff:0:a.b.c.d (SIIT)
  if (g[0] === 0x64 && g[1] === 0xff9b) {
    // NAT64: 64:ff9b::/96 carries an IPv4 address; 64:ff9b:1::/48 is for local use.
    return g[2] !== 0 || g[3] !== 0 || g[4] !== 0 || g[5] !== 0 ? true : v4Private(embeddedV4(g, 6, 7));
  }
  if (g[0] === 0x2002) return v4Private(embeddedV4(g, 1, 2)); // 6to4 embeds the IPv4 address
  if (g[0] === 0x2001 && g[1] === 0) return true; // Teredo: the real endpoint is obfuscated, refuse
  if (g[0] === 0x2001 && g[1] === 0xdb8) return true; // documentation
  if (g[0] === 0x2001 && g[1] >= 0x10 && g[1] <= 0x2f) return true; // ORCHID
  if (g[0] === 0x100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return true; // discard prefix
  if ((g[0] & 0xfe00) === 0xfc00) return true; // ULA fc00::/7 (fd00:ec2::254 is AWS metadata)
  if ((g[0] & 0xffc0) === 0xfe80) return true; // link-local
  if ((g[0] & 0xffc0) === 0xfec0) return true; // site-local (deprecated)
  if ((g[0] & 0xff00) === 0xff00) return true; // multicast
  return false;
}

/**
 * True for every address a feed fetch must never reach: loopback, unspecified, private, CGNAT, link-local
 * (cloud metadata), benchmarking, documentation, multicast, ULA, and IPv6 forms that embed such an IPv4 address
 * (IPv4-mapped, NAT64, 6to4). Anything that is not a parseable IP address counts as private, to fail closed.
 */
export function isPrivateAddress(ip: string): boolean {
  const v4 = parseIPv4(ip.trim());
  if (v4) return v4Private(v4);
  const v6 = parseIPv6(ip.trim());
  if (v6) return v6Private(v6);
  return true;
}

export function isIpLiteral(host: string): boolean {
  return parseIPv4(host) !== null || parseIPv6(host) !== null;
}

// ---- names ----

// Names that only mean something inside a cluster or a LAN, or that public DNS resolves to loopback on purpose.
const INTERNAL_SUFFIXES = ['.localhost', '.local', '.localdomain', '.internal', '.intranet', '.lan', '.home', '.corp', '.home.arpa', '.svc', '.cluster.local', '.nip.io', '.sslip.io', '.xip.io', '.localtest.me', '.lvh.me'];

function isInternalName(host: string): boolean {
  if (host === 'localhost' || !host.includes('.')) return true; // single labels: kafka, redis, classifier
  return INTERNAL_SUFFIXES.some((s) => host.endsWith(s) || host === s.slice(1));
}

/** The host exactly as typed (before punycode), to spot one label mixing Latin with look-alike scripts. */
function rawHost(input: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\\]*)/i.exec(input.trim());
  if (!m) return '';
  const authority = m[1].slice(m[1].lastIndexOf('@') + 1);
  return authority.replace(/:\d*$/, '');
}

function mixedScript(host: string): boolean {
  return host.split('.').some((label) => {
    const latin = /\p{Script=Latin}/u.test(label);
    const other = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u.test(label);
    return latin && other;
  });
}

export function normalHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/\.$/, '').replace(/^\[|\]$/g, '');
}

/** `host`, `host:port` or `[v6]:port` (a bare IPv6 address counts as a host); null when it is not one of those. */
export function parseAllowEntry(entry: string): AllowEntry | null {
  const s = entry.trim().toLowerCase();
  if (!s) return null;
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]/?#@\\\s]+)(?::(\d{1,5}))?$/.exec(s);
  const hostPart = m ? m[1] : parseIPv6(s) ? `[${s}]` : null;
  if (!hostPart) return null;
  const port = m?.[2] !== undefined ? Number(m[2]) : null;
  if (port !== null && (port < 1 || port > 65_535)) return null;
  try {
    const u = new URL(`http://${hostPart}/`);
    return { host: normalHost(u), port };
  } catch {
    return null;
  }
}

/** The port a URL connects to: explicit, else the scheme's default. */
export function effectivePort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

export function isAllowed(hostOrIp: string, policy: UrlPolicy, port?: number): boolean {
  const h = hostOrIp.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return (policy.allowPrivateHosts ?? []).some((raw) => {
    const a = parseAllowEntry(raw);
    return a !== null && a.host === h && (a.port === null || a.port === port);
  });
}

/**
 * Decides before any connection whether a URL may be fetched. WHATWG URL does the parsing, so every spelling of an
 * address (0x7f.1, 2130706433, 017700000001, [::ffff:7f00:1]) is judged in its normal form. Names are judged again
 * after DNS by the fetcher: a public-looking name can still resolve to 127.0.0.1.
 */
export function checkUrl(input: string, policy: UrlPolicy = {}): UrlCheck {
  if (typeof input !== 'string') return { ok: false, code: 'URL_INVALID', reason: 'not a string' };
  if (input.length > MAX_URL_LENGTH) return { ok: false, code: 'URL_TOO_LONG', reason: `URL longer than ${MAX_URL_LENGTH}` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F]/.test(input)) return { ok: false, code: 'URL_INVALID', reason: 'control characters in URL' };
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, code: 'URL_INVALID', reason: 'unparseable URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, code: 'URL_SCHEME', reason: `scheme ${url.protocol} not allowed` };
  }
  if (url.username || url.password) return { ok: false, code: 'URL_CREDENTIALS', reason: 'credentials in URL' };
  const host = normalHost(url);
  if (!host) return { ok: false, code: 'URL_INVALID', reason: 'no host' };
  if (mixedScript(rawHost(input))) return { ok: false, code: 'URL_HOMOGRAPH', reason: 'host mixes Latin with look-alike letters' };
  if (isAllowed(host, policy, effectivePort(url))) return { ok: true, url };
  if (isIpLiteral(host)) {
    return isPrivateAddress(host) ? { ok: false, code: 'URL_PRIVATE_ADDRESS', reason: `address ${host} is internal` } : { ok: true, url };
  }
  if (isInternalName(host)) return { ok: false, code: 'URL_INTERNAL_HOST', reason: `host ${host} is internal` };
  return { ok: true, url };
}

// A subscriber's own webhook endpoint (channel 'webhook'). Unlike Slack's, any public https host is
// allowed, so this is an SSRF surface: the string is checked before any parser sees it, then the parsed
// URL must name a public DNS host. IP literals and internal names are refused outright; the provider
// checks again after DNS resolution, since a public name can still resolve to a private address.

export const GENERIC_WEBHOOK_MAX_LENGTH = 2_000;

export type GenericWebhookUrlProblem = 'empty' | 'too_long' | 'forbidden_character' | 'not_a_url' | 'not_https' | 'credentials' | 'fragment' | 'internal_host' | 'ip_literal' | 'port';

export interface GenericWebhookUrlPolicy {
  /** Extra accepted prefixes (an http(s) origin and a path ending in '/'), for tests and the embedded mode only. */
  allowedWebhookPrefixes?: readonly string[];
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\s\\\u0000-\u001f\u007f-\u009f]/;
const INTERNAL_SUFFIXES = ['.localhost', '.local', '.internal', '.lan', '.home', '.corp', '.intranet', '.cluster.local', '.svc'];

/** Null when `value` may be posted to, otherwise why not. Never echoes the URL (it may hold a token). */
export function genericWebhookUrlProblem(value: string, policy: GenericWebhookUrlPolicy = {}): GenericWebhookUrlProblem | null {
  if (value.length === 0) return 'empty';
  if (value.length > GENERIC_WEBHOOK_MAX_LENGTH) return 'too_long';
  if (FORBIDDEN.test(value)) return 'forbidden_character';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not_a_url';
  }
  if (url.username !== '' || url.password !== '') return 'credentials';
  if (url.hash !== '' || value.includes('#')) return 'fragment';
  if ((policy.allowedWebhookPrefixes ?? []).some((p) => matchesPrefix(value, url, p))) return null;
  if (url.protocol !== 'https:') return 'not_https';
  if (url.port !== '' && url.port !== '443') return 'port';
  const host = url.hostname.toLowerCase();
  // After parsing, decimal/octal/hex spellings of an address (http://2130706433/) are dotted quads.
  if (host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return 'ip_literal';
  if (!host.includes('.') || host === 'localhost' || INTERNAL_SUFFIXES.some((s) => host.endsWith(s))) return 'internal_host';
  return null;
}

function matchesPrefix(value: string, parsed: URL, prefix: string): boolean {
  if (!prefix.endsWith('/') || !value.startsWith(prefix)) return false;
  try {
    const p = new URL(prefix);
    return (p.protocol === 'http:' || p.protocol === 'https:') && p.origin === parsed.origin;
  } catch {
    return false;
  }
}

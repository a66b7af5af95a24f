import { parseLinkHeader } from './link-header';
import type { WebSubLinks } from './types';

/** A feed may name several hubs; subscribing to more than this many buys nothing and costs each hub a callback. */
export const MAX_HUBS = 3;
const MAX_URL = 2_000;

function absoluteHttp(href: string, base: string | null): string | null {
  if (!href || href.length > MAX_URL) return null;
  try {
    const u = base ? new URL(href, base) : new URL(href);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (u.username || u.password) return null;
    u.hash = '';
    return u.toString();
  } catch {
    return null;
  }
}

/**
 * The hubs and topic of a fetched feed. Per WebSub §4, Link headers take precedence over the document's links; the
 * topic is rel=self, else the URL the feed was fetched from. Only absolute http(s) URLs without credentials count;
 * whether a hub's address may be reached at all is the fetcher's URL policy, not decided here.
 */
export function discoverWebSub(input: { linkHeader?: string | null; document?: WebSubLinks | null; fetchedUrl: string }): { hubs: string[]; topic: string } | null {
  const header = parseLinkHeader(input.linkHeader);
  const headerHubs = header.filter((l) => l.rels.includes('hub')).map((l) => absoluteHttp(l.href, input.fetchedUrl));
  const headerSelf = header.find((l) => l.rels.includes('self'));
  const fromHeader = headerHubs.some((h) => h !== null);
  const hubs = fromHeader ? headerHubs : (input.document?.hubs ?? []).map((h) => absoluteHttp(h, input.fetchedUrl));
  const unique = [...new Set(hubs.filter((h): h is string => h !== null))].slice(0, MAX_HUBS);
  if (unique.length === 0) return null;
  const self = fromHeader ? (headerSelf ? absoluteHttp(headerSelf.href, input.fetchedUrl) : null) : absoluteHttp(input.document?.self ?? '', input.fetchedUrl);
  return { hubs: unique, topic: self ?? absoluteHttp(input.fetchedUrl, null) ?? input.fetchedUrl };
}

import { hash } from 'node:crypto';
import { canonicalUrl } from './urls';
import type { NormalisedItem } from './types';

function sha256Hex(s: string): string {
  return hash('sha256', s, 'hex');
}

export interface ItemIdentity {
  link?: string | null;
  guid?: string | null;
  title?: string | null;
  published?: string | null;
  /** Summary or content: tells apart items that have no link, guid or title at all. */
  text?: string | null;
}

/**
 * The stable dedup key of an item: `i_` + 20 hex chars (80 bits) of SHA-256 over the first of
 * 1. the canonical link,
 * 2. the guid,
 * 3. title + published (+ the start of the text, for items that have nothing else).
 *
 * Why the link beats the guid: guids are only unique within the publisher's own habits. Some CMSes mint a new guid
 * on every render (so the same article looks new on each fetch), syndicated press releases carry the same guid in
 * several feeds, and numeric guids ("12345") collide across unrelated feeds. The canonical link names the article
 * itself, survives tracking parameters and http/https, and is what a reader would call "the same story".
 * The guid is used only when there is no usable link; title+published is the last resort.
 */
export function itemId(item: ItemIdentity): string {
  return idOf(item.link ? canonicalUrl(item.link) : null, item);
}

/** itemId with the canonical link already worked out (null when there is none). */
function idOf(canon: string | null, item: ItemIdentity): string {
  const guid = item.guid?.trim();
  const basis = canon
    ? `url:${canon}`
    : guid
      ? `guid:${guid}`
      : `title:${(item.title ?? '').trim().toLowerCase()}|${item.published ?? ''}|${(item.text ?? '').slice(0, 500)}`;
  return `i_${sha256Hex(basis).slice(0, 20)}`;
}

/** Hash of what a reader sees; changes when the text changes, whatever the id. Case and spacing do not count. */
export function contentHash(title: string, text: string): string {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return `sha256:${sha256Hex(`${norm(title)}\n${norm(text)}`)}`;
}

/** Every format's item gets its identity the same way: one place decides id and canonical URL. */
export function withIdentity(fields: Omit<NormalisedItem, 'id' | 'canonicalUrl'>): NormalisedItem {
  const { guid, title, link, published } = fields;
  const canon = link ? canonicalUrl(link) : null;
  return {
    id: idOf(canon, { guid, title, published, text: fields.summary ?? fields.content }),
    guid,
    title,
    link,
    canonicalUrl: canon,
    published,
    updated: fields.updated,
    summary: fields.summary,
    content: fields.content,
    contentHtml: fields.contentHtml,
    authors: fields.authors,
    categories: fields.categories,
  };
}

// ---- identity scoped to the feed (what a feed cannot forge) ----

// Second-level labels under a two-letter country code that are public suffixes themselves (bbc.co.uk, abc.net.au).
// An approximation of the Public Suffix List, which is not a dependency: a miss makes two sites look like one only
// inside such a country suffix, and then only for feeds that publish links there.
const COUNTRY_SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'ne', 'or', 'go', 'gob', 'nic', 'mil', 'ltd', 'plc', 'sch', 'nhs', 'gv', 'lg', 'ed', 'gr', 'id', 'in', 'info', 'biz']);
// Hosts where every sub-domain is a different tenant: a feed on one blog is not the site of another.
const SHARED_HOSTS = ['blogspot.com', 'wordpress.com', 'substack.com', 'medium.com', 'tumblr.com', 'github.io', 'gitlab.io', 'netlify.app', 'pages.dev', 'vercel.app', 'herokuapp.com', 'feedburner.com', 'feedblitz.com', 'typepad.com', 'blogger.com'];

/**
 * The site a host belongs to, for trust: its registrable domain (news.pharma.example and www.pharma.example are one
 * site), a tenant of a shared host (a.substack.com), or the address itself for an IP literal.
 */
export function siteOf(host: string): string {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h.includes(':') || /^[\d.]+$/.test(h)) return h;
  const labels = h.split('.');
  for (const shared of SHARED_HOSTS) {
    if (h.endsWith(`.${shared}`)) return labels.slice(-(shared.split('.').length + 1)).join('.');
  }
  if (labels.length <= 2) return h;
  const tld = labels[labels.length - 1];
  const sld = labels[labels.length - 2];
  return labels.slice(tld.length === 2 && COUNTRY_SECOND_LEVEL.has(sld) ? -3 : -2).join('.');
}

function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : null;
  } catch {
    return null;
  }
}

/** What the operator said about a feed; never what the feed says about itself. */
export interface FeedTrust {
  /** The feed's id in config: the scope of every identity it cannot claim beyond itself. */
  feedId: string;
  /** Where the feed is fetched from (null for a file feed). */
  feedUrl?: string | null;
  /** The outlet's own site when the feed is hosted elsewhere (feedburner), as configured. */
  site?: string | null;
  /** Configured aggregator: its links name other outlets' articles on purpose and are trusted. */
  aggregator?: boolean;
}

/**
 * Whether a feed may speak for a link: the link is on the feed's own site (the feed URL's, or the configured `site`),
 * or the feed is a configured aggregator. The feed's <link> does not count: it is written by the feed, so a squatter
 * would set it to its victim's site.
 */
export function isTrustedLink(link: string | null | undefined, trust: FeedTrust): boolean {
  const host = hostOf(link);
  if (!host) return false;
  if (trust.aggregator) return true;
  const linkSite = siteOf(host);
  const own = [hostOf(trust.feedUrl), trust.site ?? null].filter((h): h is string => Boolean(h)).map(siteOf);
  return own.includes(linkSite);
}

export interface FeedItemIdentity {
  /** The dedup key and articleId: global (the item's own id) for a trusted link, else scoped to the feed. */
  id: string;
  scope: 'global' | 'feed';
  /** For cross-feed de-duplication by URL plus content. */
  canonicalUrl: string | null;
  /** Feed-scoped key of what the item says, for items without a link whose guid changes on every fetch. */
  contentKey: string | null;
}

/**
 * Identity of an item as published by one feed. Only a trusted link gives the global id `itemId()` computes; anything
 * else (an untrusted link, a guid, a title) is hashed together with the feed's id, so the same guid in two feeds names
 * two items and a squatter listing another outlet's URL cannot take that outlet's id.
 */
export function feedItemIdentity(item: NormalisedItem, trust: FeedTrust): FeedItemIdentity {
  const canon = item.canonicalUrl ?? (item.link ? canonicalUrl(item.link) : null);
  const text = (item.summary ?? item.content ?? '').slice(0, 2_000);
  const contentKey = canon ? null : `c_${sha256Hex(`feed:${trust.feedId}|${normText(item.title)}|${normText(text)}`).slice(0, 20)}`;
  if (canon && isTrustedLink(canon, trust)) return { id: itemId({ link: canon }), scope: 'global', canonicalUrl: canon, contentKey };
  const guid = item.guid?.trim();
  const basis = canon ? `url:${canon}` : guid ? `guid:${guid}` : `title:${normText(item.title)}|${item.published ?? ''}|${text.slice(0, 500)}`;
  return { id: `i_${sha256Hex(`feed:${trust.feedId}|${basis}`).slice(0, 20)}`, scope: 'feed', canonicalUrl: canon, contentKey };
}

function normText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

const STOP_WORDS = new Set(['a', 'an', 'and', 'the', 'of', 'on', 'in', 'to', 'for', 'with', 'by', 'at', 'from', 'as', 'is', 'its', 'und', 'der', 'die', 'das', 'le', 'la', 'les', 'de', 'et']);
const MAX_WORDS = 32;

/** The words of a title that say what it is about, for comparing two stories under one URL. */
export function storyWords(title: string): string[] {
  const words = normText(title)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w));
  return [...new Set(words)].slice(0, MAX_WORDS).sort();
}

/**
 * Whether two titles tell the same story: a syndicated copy keeps most words (Jaccard ≥ 0.5: an outlet's suffix or an
 * "and" that became a comma does not matter), an invented title shares few. Titles of under three words must match.
 */
export function sameStory(a: readonly string[], b: readonly string[]): boolean {
  if (a.length < 3 || b.length < 3) return a.length === b.length && a.every((w, i) => w === b[i]);
  const set = new Set(a);
  const shared = b.filter((w) => set.has(w)).length;
  return shared / (a.length + b.length - shared) >= 0.5;
}

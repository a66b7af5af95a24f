import { createHash } from 'node:crypto';
import { canonicalUrl } from './urls';
import type { NormalisedItem } from './types';

function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
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
  const canon = item.link ? canonicalUrl(item.link) : null;
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
  return {
    id: itemId({ link, guid, title, published, text: fields.summary ?? fields.content }),
    guid,
    title,
    link,
    canonicalUrl: link ? canonicalUrl(link) : null,
    published,
    updated: fields.updated,
    summary: fields.summary,
    content: fields.content,
    contentHtml: fields.contentHtml,
    authors: fields.authors,
    categories: fields.categories,
  };
}

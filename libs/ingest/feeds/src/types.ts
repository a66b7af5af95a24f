/** Why a body could not be turned into feed items. Values line up with ErrorCode in contracts where one exists. */
export enum FeedErrorCode {
  Empty = 'FEED_EMPTY',
  NotAFeed = 'FEED_NOT_A_FEED',
  TooLarge = 'FEED_TOO_LARGE',
  TooDeep = 'FEED_TOO_DEEP',
  ParseFailed = 'FEED_PARSE_FAILED',
}

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

export interface NormalisedFeed {
  title: string | null;
  link: string | null;
  description: string | null;
  language: string | null;
}

export interface NormalisedItem {
  /** Stable dedup key, see itemId(). */
  id: string;
  guid: string | null;
  title: string;
  /** Absolute http(s) link as published (after xml:base resolution), or null. */
  link: string | null;
  /** canonicalUrl(link): the form dedup compares. */
  canonicalUrl: string | null;
  /** ISO-8601 UTC. */
  published: string | null;
  updated: string | null;
  /** Plain text. */
  summary: string | null;
  /** Plain text. */
  content: string | null;
  /** The publisher's HTML, untouched apart from a size cap: never render it without sanitising. */
  contentHtml: string | null;
  authors: string[];
  categories: string[];
}

export interface FeedParseOptions {
  /** HTTP Content-Type, used for its charset and to recognise JSON Feed. */
  contentType?: string;
  /** Where the body came from: the base for relative links. */
  url?: string;
  /** Items beyond this are dropped with a warning (default 500). */
  maxItems?: number;
}

/** WebSub links the document itself advertises (rel=hub, rel=self); HTTP Link headers are read by the fetcher's caller. */
export interface FeedPushLinks {
  hubs: string[];
  self: string | null;
}

export type FeedParseResult =
  /** `push` only when the feed names at least one hub. */
  | { ok: true; format: FeedFormat; feed: NormalisedFeed; items: NormalisedItem[]; warnings: string[]; push?: FeedPushLinks }
  | { ok: false; error: { code: FeedErrorCode; message: string } };

export interface ArticleText {
  title: string | null;
  text: string;
  paragraphs: number;
}

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppError, ErrorCode, FEED_HEALTH_KEY, FeedHealthV1, Topics } from '@pharma-radar/contracts';
import {
  contentHash,
  extractArticleText,
  feedErrorToAppCode,
  FeedItemIdentity,
  feedItemIdentity,
  FeedTrust,
  FeedWarning,
  FeedWarningCode,
  NormalisedItem,
  parseFeed,
  sameStory,
  storyWords,
  WarningTally,
} from '@pharma-radar/ingest-feeds';
import { checkUrl, fetchErrorToAppCode, safeFetch } from '@pharma-radar/ingest-fetch';
import { KEY_VALUE_STORE, KeyValueStore } from '@pharma-radar/platform-cache';
import { counter, histogram } from '@pharma-radar/platform-health';
import { getLogger, newCorrelationId, withCorrelation } from '@pharma-radar/platform-logging';
import { MESSAGE_BUS, MessageBus } from '@pharma-radar/platform-messaging';
import { FeedSource, IngestConfig, POLL_DEFAULTS } from './config';
import { HostLimiter } from './host-limiter';
import { mapPool } from './pool';

export const INGEST_CONFIG = Symbol('INGEST_CONFIG');

const polls = counter('pharma_radar_ingest_polls_total', 'Feed polls by outcome', ['feed', 'outcome']);
const items = counter('pharma_radar_ingest_items_total', 'Feed items by outcome', ['outcome']);
const pollSeconds = histogram('pharma_radar_ingest_poll_seconds', 'Duration of one feed poll', ['feed']);

export interface PollSummary {
  feedId: string;
  ok: boolean;
  notModified?: boolean;
  items: number;
  published: number;
  duplicates: number;
  errorCode?: string;
  errorMessage?: string;
  /** What this poll cut, dropped or skipped, by code. */
  warnings: FeedWarning[];
}

const MAX_BACKOFF_MS = 60 * 60 * 1000;
const MAX_TEXT = 200_000;
// Stories remembered per canonical URL: enough for a few feeds telling different stories under one URL, bounded so a
// hostile feed cannot grow one key without limit.
const MAX_STORIES_PER_URL = 8;

/** One story told under a canonical URL: which feed, and the words of its title. */
interface UrlStory {
  f: string;
  w: string[];
}

interface Candidate {
  item: NormalisedItem;
  identity: FeedItemIdentity;
}

// Cross-feed dedup keys on the URL; hashed so a 4 KB URL costs 20 bytes of key.
function urlKey(canon: string): string {
  return `url-stories:${createHash('sha256').update(canon).digest('hex').slice(0, 20)}`;
}

@Injectable()
export class FeedPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = getLogger(FeedPoller.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly hosts: HostLimiter;

  constructor(
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
  ) {
    this.hosts = new HostLimiter({
      perHost: config.hostConcurrency ?? POLL_DEFAULTS.hostConcurrency,
      minIntervalMs: config.hostIntervalMs ?? POLL_DEFAULTS.hostIntervalMs,
    });
  }

  onApplicationBootstrap(): void {
    for (const feed of this.config.feeds) this.schedule(feed, 0, 0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
  }

  private schedule(feed: FeedSource, delayMs: number, failures: number): void {
    if (this.stopped) return;
    const timer = setTimeout(async () => {
      const summary = await this.withSlot(() => this.poll(feed));
      const nextFailures = summary.ok ? 0 : failures + 1;
      // Failing feeds back off exponentially so a dead publisher is not hammered.
      const next = summary.ok ? this.config.pollIntervalMs : Math.min(MAX_BACKOFF_MS, this.config.pollIntervalMs * 2 ** Math.min(nextFailures, 8));
      this.schedule(feed, next * (0.9 + Math.random() * 0.2), nextFailures);
    }, delayMs);
    timer.unref();
    this.timers.set(feed.id, timer);
  }

  private async withSlot<T>(fn: () => Promise<T>): Promise<T> {
    while (this.running >= this.config.concurrency) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** One poll of one feed. Never throws: every failure ends up in the feed's health record. */
  async poll(feed: FeedSource): Promise<PollSummary> {
    const end = pollSeconds.startTimer({ feed: feed.id });
    const summary = await this.pollUnsafe(feed).catch((err): PollSummary => {
      const code = err instanceof AppError ? err.code : ErrorCode.FeedFetchFailed;
      return { feedId: feed.id, ok: false, items: 0, published: 0, duplicates: 0, errorCode: code, errorMessage: (err as Error).message, warnings: [] };
    });
    end();
    polls.inc({ feed: feed.id, outcome: summary.ok ? (summary.notModified ? 'not_modified' : 'ok') : 'error' });
    await this.recordHealth(feed, summary).catch((err) => this.log.warn('feed health not recorded', { feed: feed.id, err }));
    if (!summary.ok) this.log.warn('feed poll failed', { feed: feed.id, code: summary.errorCode, reason: summary.errorMessage });
    else this.log.info('feed polled', { feed: feed.id, items: summary.items, published: summary.published, duplicates: summary.duplicates, warnings: summary.warnings.length ? summary.warnings.map((w) => `${w.code}x${w.count}`).join(' ') : undefined });
    return summary;
  }

  private async pollUnsafe(feed: FeedSource): Promise<PollSummary> {
    const deadlineMs = this.config.pollDeadlineMs ?? POLL_DEFAULTS.pollDeadlineMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error('poll deadline')), deadlineMs);
    timer.unref();
    try {
      return await this.pollWithin(feed, deadline.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The feed and its article pages share one deadline. Past it, items still waiting for their page go out with the
   * feed's own text: a slow publisher delays its own items' full text, never the items themselves or other feeds.
   */
  private async pollWithin(feed: FeedSource, deadline: AbortSignal): Promise<PollSummary> {
    const warnings = new WarningTally();
    const base: PollSummary = { feedId: feed.id, ok: true, items: 0, published: 0, duplicates: 0, warnings: [] };
    const body = await this.fetchFeed(feed, deadline);
    if (body.notModified) return { ...base, notModified: true };

    const parsed = await parseFeed(body.bytes, { contentType: body.contentType, url: body.url ?? undefined });
    if (!parsed.ok) return { ...base, ok: false, errorCode: feedErrorToAppCode(parsed.error.code), errorMessage: `${parsed.error.code}: ${parsed.error.message}` };
    warnings.addParseWarnings(parsed.warnings);

    const trust: FeedTrust = { feedId: feed.id, feedUrl: feed.url ?? null, site: feed.site ?? null, aggregator: feed.aggregator ?? false };
    const { fresh, duplicates } = await this.newItems(feed, parsed.items, trust);
    const summary = { ...base, items: parsed.items.length, duplicates };
    await mapPool(fresh, this.config.articleConcurrency ?? POLL_DEFAULTS.articleConcurrency, async (c) => {
      if (this.stopped) return;
      await withCorrelation(newCorrelationId(), () => this.ingestItem(feed, parsed.feed.title, c, deadline, warnings));
      summary.published++;
    });
    return { ...summary, warnings: warnings.list() };
  }

  /**
   * The items not published before: new by their (feed-scoped or trusted) id, by their content key (linkless items
   * whose guid changes on every fetch), and, for untrusted items, across feeds by canonical URL plus the same story.
   * Nothing an untrusted feed lists can make the URL owner's own item a duplicate.
   */
  private async newItems(feed: FeedSource, parsedItems: NormalisedItem[], trust: FeedTrust): Promise<{ fresh: Candidate[]; duplicates: number }> {
    const batch: Candidate[] = [];
    const inBatch = new Set<string>();
    for (const item of parsedItems) {
      const identity = feedItemIdentity(item, trust);
      const keys = [identity.id, identity.contentKey].filter((k): k is string => k !== null);
      if (keys.some((k) => inBatch.has(k))) continue;
      for (const k of keys) inBatch.add(k);
      batch.push({ item, identity });
    }
    const keysOf = (c: Candidate) => [c.identity.id, c.identity.contentKey, globalIdOfUntrusted(c)].filter((k): k is string => k !== null).map((k) => `seen:${k}`);
    const seenKeys = batch.flatMap(keysOf);
    const seenValues = seenKeys.length ? await this.store.getMany(seenKeys) : [];
    const seen = new Set(seenKeys.filter((_k, i) => seenValues[i] !== null));
    const unseen = batch.filter((c) => !keysOf(c).some((k) => seen.has(k)));
    const withUrl = unseen.filter((c) => c.identity.canonicalUrl && c.identity.scope === 'feed');
    const stories = withUrl.length ? await this.store.getMany(withUrl.map((c) => urlKey(c.identity.canonicalUrl!))) : [];
    const told = new Map(withUrl.map((c, i) => [c, parseStories(stories[i])]));
    const fresh = unseen.filter((c) => {
      // The owner's own item always goes out: an untrusted feed that copied its title first must not be able to
      // replace its text (the classifier's syndication index joins the two copies).
      if (c.identity.scope === 'global') return true;
      const others = (told.get(c) ?? []).filter((s) => s.f !== feed.id);
      if (others.length === 0) return true;
      const words = storyWords(c.item.title);
      return !others.some((s) => sameStory(s.w, words));
    });
    const duplicates = parsedItems.length - fresh.length;
    if (duplicates > 0) items.inc({ outcome: 'duplicate' }, duplicates);
    return { fresh, duplicates };
  }

  private async fetchFeed(feed: FeedSource, deadline: AbortSignal): Promise<{ bytes: Uint8Array; contentType?: string; url: string | null; notModified: boolean }> {
    if (feed.file) {
      const info = await stat(feed.file).catch(() => null);
      if (!info) throw new AppError(ErrorCode.FeedFetchFailed, `feed file not found: ${feed.file}`);
      if (info.size > this.config.maxBytes) throw new AppError(ErrorCode.FeedTooLarge, `feed file larger than ${this.config.maxBytes} bytes`);
      return { bytes: await readFile(feed.file), url: null, notModified: false };
    }
    const cacheKey = `feed-http:${feed.id}`;
    const validators = JSON.parse((await this.store.get(cacheKey)) ?? '{}') as { etag?: string; lastModified?: string };
    // Only the feed URL (and its redirects) gets the configured exemption, and only on the listed ports.
    const res = await safeFetch(feed.url!, {
      policy: { allowPrivateHosts: this.config.allowPrivateHosts },
      // The poll deadline arrives as the signal, so its expiry reads as the deadline rather than a fetch timeout.
      timeoutMs: this.config.timeoutMs,
      signal: deadline,
      maxBytes: this.config.maxBytes,
      userAgent: this.config.userAgent,
      etag: validators.etag,
      lastModified: validators.lastModified,
      accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
    });
    if (!res.ok && deadline.aborted) throw new AppError(ErrorCode.FeedTimeout, 'poll deadline reached while fetching the feed', true);
    if (!res.ok) throw new AppError(fetchErrorToAppCode(res.code), `${res.code}: ${res.message}`, res.retryable);
    if (res.notModified) return { bytes: new Uint8Array(), url: res.url, notModified: true };
    if (res.etag || res.lastModified) await this.store.set(cacheKey, JSON.stringify({ etag: res.etag, lastModified: res.lastModified }), 7 * 86_400);
    const contentType = headerValue(res.headers, 'content-type');
    return { bytes: res.body, contentType, url: res.url, notModified: false };
  }

  /**
   * At-least-once: the item is marked seen only after the publish succeeded, so a crash in between
   * re-publishes it (downstream consumers are idempotent) rather than losing it.
   */
  private async ingestItem(feed: FeedSource, feedTitle: string | null, c: Candidate, deadline: AbortSignal, warnings: WarningTally): Promise<void> {
    const { item, identity } = c;
    const feedText = item.content ?? item.summary ?? '';
    const articleText = this.config.fetchArticles && item.link ? await this.fetchArticle(item.link, deadline, warnings) : null;
    const text = (articleText && articleText.length > feedText.length ? articleText : feedText).slice(0, MAX_TEXT);
    const now = new Date().toISOString();
    await this.bus.publish(
      Topics.articlesIngested,
      {
        articleId: identity.id,
        feedId: feed.id,
        feedTitle: feed.title ?? feedTitle,
        url: item.link,
        title: item.title.slice(0, 4_000),
        summary: item.summary ? item.summary.slice(0, MAX_TEXT) : null,
        text,
        authors: item.authors.slice(0, 100),
        categories: item.categories.slice(0, 500),
        publishedAt: item.published,
        fetchedAt: now,
        contentHash: contentHash(item.title, text),
      },
      { key: identity.id, id: `ingested:${identity.id}` },
    );
    const ttl = this.config.dedupTtlSeconds;
    const seen = [{ key: `seen:${identity.id}`, value: now }, ...(identity.contentKey ? [{ key: `seen:${identity.contentKey}`, value: now }] : [])];
    await this.store.setMany(seen, ttl);
    // A trusted item needs no story entry: untrusted items under its URL already meet its global id.
    if (identity.canonicalUrl && identity.scope === 'feed') await this.rememberStory(identity.canonicalUrl, feed.id, item.title, ttl);
    items.inc({ outcome: 'published' });
  }

  // Read-modify-write without a lock: two feeds telling a story under one URL at the same instant may both keep theirs,
  // which only lets a duplicate through, never loses an item.
  private async rememberStory(canon: string, feedId: string, title: string, ttl: number): Promise<void> {
    const key = urlKey(canon);
    const stories = parseStories(await this.store.get(key));
    const words = storyWords(title);
    if (stories.some((s) => s.f === feedId && sameStory(s.w, words))) return;
    const next = [...stories, { f: feedId, w: words }].slice(-MAX_STORIES_PER_URL);
    await this.store.set(key, JSON.stringify(next), ttl);
  }

  /**
   * Full text from the article page; any failure falls back to the feed's own text. Article links get only the article
   * list's exemption, never the feed's: a hostile feed must not turn a feed exemption into a way into an allowed host.
   */
  private async fetchArticle(link: string, deadline: AbortSignal, warnings: WarningTally): Promise<string | null> {
    const policy = { allowPrivateHosts: this.config.allowPrivateArticleHosts ?? [] };
    const checked = checkUrl(link, policy);
    if (!checked.ok) {
      warnings.add(FeedWarningCode.ArticleRefused, 1, `${checked.code}: ${checked.reason}`);
      return null;
    }
    if (deadline.aborted) {
      warnings.add(FeedWarningCode.ArticleDeadline, 1, 'poll deadline reached before the article page');
      return null;
    }
    const limited = await this.hosts.run(
      checked.url.hostname,
      () =>
        safeFetch(link, {
          policy,
          // The poll deadline arrives as the signal, so its expiry reads as the deadline rather than a fetch timeout.
          timeoutMs: this.config.timeoutMs,
          signal: deadline,
          maxBytes: this.config.maxBytes,
          userAgent: this.config.userAgent,
          accept: 'text/html, application/xhtml+xml;q=0.9',
        }),
      deadline,
    );
    if (!limited.ran) {
      warnings.add(FeedWarningCode.ArticleDeadline, 1, 'poll deadline reached before the article page');
      return null;
    }
    const res = limited.value;
    if (!res.ok) {
      if (deadline.aborted) warnings.add(FeedWarningCode.ArticleDeadline, 1, 'poll deadline reached while fetching the article page');
      else if (fetchErrorToAppCode(res.code) === ErrorCode.FeedUrlRefused) warnings.add(FeedWarningCode.ArticleRefused, 1, `${res.code}: ${res.message}`);
      else warnings.add(FeedWarningCode.ArticleFailed, 1, `${res.code}: ${res.message}`);
      this.log.debug('article not fetched', { link, code: res.code });
      return null;
    }
    if (res.notModified) return null;
    const type = headerValue(res.headers, 'content-type') ?? '';
    if (type && !/html|xml|text\/plain/i.test(type)) return null;
    return extractArticleText(res.body.toString('utf8'), res.url).text || null;
  }

  private async recordHealth(feed: FeedSource, s: PollSummary): Promise<void> {
    const previous = await this.store.hgetall(FEED_HEALTH_KEY).then((h) => (h[feed.id] ? (JSON.parse(h[feed.id]) as FeedHealthV1) : null));
    const now = new Date().toISOString();
    const record: FeedHealthV1 = {
      feedId: feed.id,
      source: feed.url ?? `file:${feed.file}`,
      status: s.ok ? 'ok' : 'error',
      lastPolledAt: now,
      lastOkAt: s.ok ? now : (previous?.lastOkAt ?? null),
      errorCode: s.ok ? null : (s.errorCode ?? ErrorCode.FeedFetchFailed),
      errorMessage: s.ok ? null : (s.errorMessage ?? null),
      consecutiveFailures: s.ok ? 0 : (previous?.consecutiveFailures ?? 0) + 1,
      itemsLastPoll: s.items,
      publishedTotal: (previous?.publishedTotal ?? 0) + s.published,
      nextPollAt: null,
      warnings: s.warnings,
    };
    await this.store.hset(FEED_HEALTH_KEY, feed.id, JSON.stringify(record));
  }
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The global id of an untrusted item, read (never written for it) as a second seen key. It is set when the outlet that
 * owns the URL already published it (nothing a squatter lists under that URL is news then), and by ingest before
 * feed-scoped ids (so the upgrade publishes nothing twice). Global ids are written only for trusted links, so this
 * never lets one feed's guid hide another feed's item.
 */
function globalIdOfUntrusted(c: Candidate): string | null {
  return c.identity.scope === 'feed' && c.item.id !== c.identity.id ? c.item.id : null;
}

function parseStories(raw: string | null): UrlStory[] {
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter((s): s is UrlStory => typeof s?.f === 'string' && Array.isArray(s?.w)) : [];
  } catch {
    return [];
  }
}

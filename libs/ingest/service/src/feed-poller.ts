import { readFile, stat } from 'node:fs/promises';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppError, ErrorCode, FEED_HEALTH_KEY, FeedHealthV1, Topics } from '@pharma-radar/contracts';
import { contentHash, extractArticleText, feedErrorToAppCode, NormalisedItem, parseFeed } from '@pharma-radar/ingest-feeds';
import { fetchErrorToAppCode, safeFetch } from '@pharma-radar/ingest-fetch';
import { KEY_VALUE_STORE, KeyValueStore } from '@pharma-radar/platform-cache';
import { counter, histogram } from '@pharma-radar/platform-health';
import { getLogger, newCorrelationId, withCorrelation } from '@pharma-radar/platform-logging';
import { MESSAGE_BUS, MessageBus } from '@pharma-radar/platform-messaging';
import { FeedSource, IngestConfig } from './config';

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
}

const MAX_BACKOFF_MS = 60 * 60 * 1000;
const MAX_TEXT = 200_000;

@Injectable()
export class FeedPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = getLogger(FeedPoller.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
  ) {}

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
      return { feedId: feed.id, ok: false, items: 0, published: 0, duplicates: 0, errorCode: code, errorMessage: (err as Error).message };
    });
    end();
    polls.inc({ feed: feed.id, outcome: summary.ok ? (summary.notModified ? 'not_modified' : 'ok') : 'error' });
    await this.recordHealth(feed, summary).catch((err) => this.log.warn('feed health not recorded', { feed: feed.id, err }));
    if (!summary.ok) this.log.warn('feed poll failed', { feed: feed.id, code: summary.errorCode, reason: summary.errorMessage });
    else this.log.info('feed polled', { feed: feed.id, items: summary.items, published: summary.published, duplicates: summary.duplicates });
    return summary;
  }

  private async pollUnsafe(feed: FeedSource): Promise<PollSummary> {
    const base: PollSummary = { feedId: feed.id, ok: true, items: 0, published: 0, duplicates: 0 };
    const body = await this.fetchFeed(feed);
    if (body.notModified) return { ...base, notModified: true };

    const parsed = await parseFeed(body.bytes, { contentType: body.contentType, url: body.url ?? undefined });
    if (!parsed.ok) return { ...base, ok: false, errorCode: feedErrorToAppCode(parsed.error.code), errorMessage: `${parsed.error.code}: ${parsed.error.message}` };

    const summary = { ...base, items: parsed.items.length };
    for (const item of parsed.items) {
      if (this.stopped) break;
      const published = await withCorrelation(newCorrelationId(), () => this.ingestItem(feed, parsed.feed.title, item));
      if (published) summary.published++;
      else summary.duplicates++;
    }
    return summary;
  }

  private async fetchFeed(feed: FeedSource): Promise<{ bytes: Uint8Array; contentType?: string; url: string | null; notModified: boolean }> {
    if (feed.file) {
      const info = await stat(feed.file).catch(() => null);
      if (!info) throw new AppError(ErrorCode.FeedFetchFailed, `feed file not found: ${feed.file}`);
      if (info.size > this.config.maxBytes) throw new AppError(ErrorCode.FeedTooLarge, `feed file larger than ${this.config.maxBytes} bytes`);
      return { bytes: await readFile(feed.file), url: null, notModified: false };
    }
    const cacheKey = `feed-http:${feed.id}`;
    const validators = JSON.parse((await this.store.get(cacheKey)) ?? '{}') as { etag?: string; lastModified?: string };
    const res = await safeFetch(feed.url!, {
      policy: { allowPrivateHosts: this.config.allowPrivateHosts },
      timeoutMs: this.config.timeoutMs,
      maxBytes: this.config.maxBytes,
      userAgent: this.config.userAgent,
      etag: validators.etag,
      lastModified: validators.lastModified,
      accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
    });
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
  private async ingestItem(feed: FeedSource, feedTitle: string | null, item: NormalisedItem): Promise<boolean> {
    const seenKey = `seen:${item.id}`;
    if (await this.store.get(seenKey)) {
      items.inc({ outcome: 'duplicate' });
      return false;
    }
    const feedText = item.content ?? item.summary ?? '';
    const articleText = this.config.fetchArticles && item.link ? await this.fetchArticle(item.link) : null;
    const text = (articleText && articleText.length > feedText.length ? articleText : feedText).slice(0, MAX_TEXT);
    const now = new Date().toISOString();
    await this.bus.publish(
      Topics.articlesIngested,
      {
        articleId: item.id,
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
      { key: item.id, id: `ingested:${item.id}` },
    );
    await this.store.set(seenKey, now, this.config.dedupTtlSeconds);
    items.inc({ outcome: 'published' });
    return true;
  }

  /** Full text from the article page; any failure falls back to the feed's own text. */
  private async fetchArticle(link: string): Promise<string | null> {
    const res = await safeFetch(link, {
      policy: { allowPrivateHosts: this.config.allowPrivateHosts },
      timeoutMs: this.config.timeoutMs,
      maxBytes: this.config.maxBytes,
      userAgent: this.config.userAgent,
      accept: 'text/html, application/xhtml+xml;q=0.9',
    });
    if (!res.ok || res.notModified) {
      this.log.debug('article not fetched', { link, code: res.ok ? 'NOT_MODIFIED' : res.code });
      return null;
    }
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
    };
    await this.store.hset(FEED_HEALTH_KEY, feed.id, JSON.stringify(record));
  }
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

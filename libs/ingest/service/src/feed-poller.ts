import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import Redis from 'ioredis';
import { AppError, ErrorCode, FEED_HEALTH_KEY, Topics } from '@pharma-radar/contracts';
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
  type FeedParseResult,
  parseFeed,
  sameStory,
  storyWords,
  WarningTally,
} from '@pharma-radar/ingest-feeds';
import { checkUrl, fetchErrorToAppCode, safeFetch } from '@pharma-radar/ingest-fetch';
import { WebSubSubscriber, type PushOutcome, type PushSink } from '@pharma-radar/ingest-push';
import { KEY_VALUE_STORE, KeyValueStore } from '@pharma-radar/platform-cache';
import { counter, histogram } from '@pharma-radar/platform-health';
import { getLogger, newCorrelationId, withCorrelation } from '@pharma-radar/platform-logging';
import { MESSAGE_BUS, MessageBus } from '@pharma-radar/platform-messaging';
import { FeedSource, IngestConfig, POLL_DEFAULTS } from './config';
import { afterPoll, FEED_STATE_TTL_SECONDS, FeedState, feedStateKey, parseFeedState } from './feed-state';
import { HostLimiter } from './host-limiter';
import { PollQueue } from './poll-queue';
import { mapPool } from './pool';
import { KeyValueSeenStore, RedisSeenStore, SeenStore } from './seen-store';
import { AllShards, RedisShardLeases, shardOf, ShardOwnership } from './shard-leases';

export const INGEST_CONFIG = Symbol('INGEST_CONFIG');

// No feed label: at 100,000 feeds a series per feed cost about 1 KB each in the process and made /metrics megabytes
// long. Per-feed status lives in feed health.
const polls = counter('pharma_radar_ingest_polls_total', 'Feed polls by outcome', ['outcome']);
const items = counter('pharma_radar_ingest_items_total', 'Feed items by outcome', ['outcome']);
const pollSeconds = histogram('pharma_radar_ingest_poll_seconds', 'Duration of one feed poll', ['outcome']);

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
const STATE_READ_CHUNK = 1_000;

/** A feed as the scheduler sees it. */
interface Scheduled {
  feed: FeedSource;
  shard: number;
  /** Place in the feed list: feeds never polled start spread over one interval in this order. */
  index: number;
  failures: number;
}

/** What the periodic info line reports (per-poll lines are debug). */
interface Tally {
  polls: number;
  notModified: number;
  failed: number;
  published: number;
  duplicates: number;
  /** How late polls started against their due time. */
  lagMaxMs: number;
  lagSumMs: number;
}

const emptyTally = (): Tally => ({ polls: 0, notModified: 0, failed: 0, published: 0, duplicates: 0, lagMaxMs: 0, lagSumMs: 0 });
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
export class FeedPoller implements OnApplicationBootstrap, OnApplicationShutdown, PushSink {
  private readonly log = getLogger(FeedPoller.name);
  private stopped = false;
  private running = 0;
  private readonly hosts: HostLimiter;
  private readonly redis: Redis | null;
  private readonly seen: SeenStore;
  private readonly ownership: ShardOwnership;
  private readonly byShard = new Map<number, Scheduled[]>();
  /** Shards this replica schedules now, each with the epoch its queue entries carry (stale entries are skipped). */
  private readonly owned = new Map<number, number>();
  private epoch = 0;
  private readonly queue = new PollQueue<{ s: Scheduled; epoch: number }>();
  private readonly inFlight = new Map<number, number>();
  private readonly drained = new Map<number, Array<() => void>>();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private summaryTimer: NodeJS.Timeout | null = null;
  private tally = emptyTally();
  private readonly feedsById: Map<string, FeedSource>;
  private pushing = 0;

  constructor(
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
    @Optional() private readonly websub?: WebSubSubscriber,
  ) {
    this.feedsById = new Map(config.feeds.map((f) => [f.id, f]));
    this.hosts = new HostLimiter({
      perHost: config.hostConcurrency ?? POLL_DEFAULTS.hostConcurrency,
      minIntervalMs: config.hostIntervalMs ?? POLL_DEFAULTS.hostIntervalMs,
    });
    const shards = config.leaseShards ?? POLL_DEFAULTS.leaseShards;
    config.feeds.forEach((feed, index) => {
      const shard = shardOf(feed.id, shards);
      const list = this.byShard.get(shard) ?? [];
      list.push({ feed, shard, index, failures: 0 });
      this.byShard.set(shard, list);
    });
    // Redis beyond the key-value surface (scripts, binary hash fields, leases) when the service has it; the embedded
    // store keeps one seen key per item and a single replica.
    this.redis = config.redis ? new Redis(config.redis.url, { keyPrefix: config.redis.keyPrefix, maxRetriesPerRequest: 3, enableAutoPipelining: true }) : null;
    this.redis?.on('error', (err) => this.log.warn('redis error', { err }));
    this.seen = this.redis ? new RedisSeenStore(this.redis, config.dedupTtlSeconds, config.seenBuckets ?? POLL_DEFAULTS.seenBuckets) : new KeyValueSeenStore(store, config.dedupTtlSeconds);
    const handlers = { acquired: (s: number) => this.acquired(s), draining: (s: number) => this.draining(s), lost: (s: number) => void this.owned.delete(s) };
    this.ownership = this.redis ? new RedisShardLeases(this.redis, { shards, leaseMs: config.leaseMs ?? POLL_DEFAULTS.leaseMs }, handlers) : new AllShards(shards, handlers);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ownership.start();
    const every = this.config.summaryIntervalMs ?? POLL_DEFAULTS.summaryIntervalMs;
    this.summaryTimer = setInterval(() => this.logSummary(every), every);
    this.summaryTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.summaryTimer) clearInterval(this.summaryTimer);
    // Polls in flight end (each within its deadline) before the leases go, so the next owner starts after them.
    await this.ownership.stop().catch((err) => this.log.warn('leases not released', { err }));
    this.redis?.disconnect();
  }

  /** Shards this replica polls now (leases held), for tests and the health detail. */
  heldShards(): number[] {
    return this.ownership.held();
  }

  private logSummary(everyMs: number): void {
    const t = this.tally;
    this.tally = emptyTally();
    let feeds = 0;
    for (const shard of this.owned.keys()) feeds += this.byShard.get(shard)?.length ?? 0;
    this.log.info('ingest summary', {
      seconds: Math.round(everyMs / 1000),
      polls: t.polls,
      notModified: t.notModified,
      failed: t.failed,
      published: t.published,
      duplicates: t.duplicates,
      lagAvgMs: t.polls ? Math.round(t.lagSumMs / t.polls) : 0,
      lagMaxMs: t.lagMaxMs,
      feedsOwned: feeds,
      shards: this.owned.size,
      queued: this.queue.size,
      replica: this.ownership.replicaId,
    });
  }

  /**
   * A shard became ours: its feeds are due where the previous owner (or this replica before a restart) left them,
   * polledAt + interval (with backoff for failing feeds). Feeds never polled are spread over one interval by their
   * place in the list (the first at once), so 100,000 new feeds do not all fall due in the same second, every interval.
   */
  private async acquired(shard: number): Promise<void> {
    const list = this.byShard.get(shard) ?? [];
    const epoch = ++this.epoch;
    this.owned.set(shard, epoch);
    const now = Date.now();
    const states: FeedState[] = [];
    for (let i = 0; i < list.length; i += STATE_READ_CHUNK) {
      const raw = await this.store.getMany(list.slice(i, i + STATE_READ_CHUNK).map((s) => feedStateKey(s.feed.id)));
      for (const r of raw) states.push(parseFeedState(r));
    }
    if (this.owned.get(shard) !== epoch) return;
    const n = Math.max(1, this.config.feeds.length);
    list.forEach((s, i) => {
      const st = states[i];
      s.failures = st.failures ?? 0;
      const due = st.polledAt !== undefined ? Math.max(now, st.polledAt + this.delayAfter(s.failures)) : now + Math.floor((this.config.pollIntervalMs * s.index) / n);
      this.queue.push(due, { s, epoch });
    });
    this.pump();
  }

  private draining(shard: number): Promise<void> {
    this.owned.delete(shard);
    if (!this.inFlight.get(shard)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.drained.get(shard) ?? [];
      list.push(resolve);
      this.drained.set(shard, list);
    });
  }

  /** Failing feeds back off exponentially so a dead publisher is not hammered. */
  private delayAfter(failures: number): number {
    return failures === 0 ? this.config.pollIntervalMs : Math.min(MAX_BACKOFF_MS, this.config.pollIntervalMs * 2 ** Math.min(failures, 8));
  }

  /** Starts every due poll there is a slot for, then arms one timer for the next due time. */
  private pump(): void {
    if (this.stopped) return;
    const now = Date.now();
    while (this.running < this.config.concurrency) {
      const next = this.queue.popDue(now);
      if (!next) break;
      const { s, epoch } = next.item;
      if (this.owned.get(s.shard) !== epoch || !this.ownership.holds(s.shard)) continue;
      const lag = now - next.dueAt;
      this.tally.lagSumMs += lag;
      this.tally.lagMaxMs = Math.max(this.tally.lagMaxMs, lag);
      this.running++;
      this.inFlight.set(s.shard, (this.inFlight.get(s.shard) ?? 0) + 1);
      // The next due time is drawn once, when the poll records its health (which reports it as nextPollAt).
      let dueAt: number | null = null;
      const plan = (failures: number) => (dueAt = Date.now() + this.delayAfter(failures) * (0.9 + Math.random() * 0.2));
      void this.poll(s.feed, plan).then((summary) => {
        this.running--;
        const left = (this.inFlight.get(s.shard) ?? 1) - 1;
        this.inFlight.set(s.shard, left);
        if (left === 0) for (const done of this.drained.get(s.shard)?.splice(0) ?? []) done();
        s.failures = summary.ok ? 0 : s.failures + 1;
        if (this.owned.get(s.shard) === epoch) this.queue.push(dueAt ?? plan(s.failures), { s, epoch });
        this.pump();
      });
    }
    const at = this.queue.peekAt();
    if (at === null || this.running >= this.config.concurrency || at >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.pump();
    }, Math.max(0, at - now));
    this.timer.unref();
  }

  /** One poll of one feed. Never throws: every failure ends up in the feed's health record. */
  async poll(feed: FeedSource, plan?: (failures: number) => number): Promise<PollSummary> {
    const end = pollSeconds.startTimer();
    const startedAt = Date.now();
    let state: FeedState = {};
    let validators: { etag?: string; lastModified?: string } = {};
    const summary = await (async () => {
      state = parseFeedState(await (this.redis ?? this.store).get(feedStateKey(feed.id)));
      return this.pollUnsafe(feed, state, (v) => (validators = v));
    })().catch((err): PollSummary => {
      const code = err instanceof AppError ? err.code : ErrorCode.FeedFetchFailed;
      return { feedId: feed.id, ok: false, items: 0, published: 0, duplicates: 0, errorCode: code, errorMessage: (err as Error).message, warnings: [] };
    });
    const outcome = summary.ok ? (summary.notModified ? 'not_modified' : 'ok') : 'error';
    end({ outcome });
    polls.inc({ outcome });
    const t = this.tally;
    t.polls++;
    if (summary.notModified) t.notModified++;
    if (!summary.ok) t.failed++;
    t.published += summary.published;
    t.duplicates += summary.duplicates;
    const failures = await this.recordHealth(feed, state, { ...summary, ...validators }, startedAt, plan).catch((err) => {
      this.log.warn('feed health not recorded', { feed: feed.id, err });
      return (state.failures ?? 0) + (summary.ok ? 0 : 1);
    });
    // A dead feed warns on its first failure and then at 2, 4, 8... in a row, not on every poll.
    if (!summary.ok && (failures & (failures - 1)) === 0) this.log.warn('feed poll failed', { feed: feed.id, code: summary.errorCode, reason: summary.errorMessage, consecutiveFailures: failures });
    else if (!summary.ok) this.log.debug('feed poll failed', { feed: feed.id, code: summary.errorCode, reason: summary.errorMessage, consecutiveFailures: failures });
    else this.log.debug('feed polled', { feed: feed.id, items: summary.items, published: summary.published, duplicates: summary.duplicates, warnings: summary.warnings.length ? summary.warnings.map((w) => `${w.code}x${w.count}`).join(' ') : undefined });
    return summary;
  }

  private async pollUnsafe(feed: FeedSource, state: FeedState, onValidators: (v: { etag?: string; lastModified?: string }) => void): Promise<PollSummary> {
    const deadlineMs = this.config.pollDeadlineMs ?? POLL_DEFAULTS.pollDeadlineMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error('poll deadline')), deadlineMs);
    timer.unref();
    try {
      return await this.pollWithin(feed, state, onValidators, deadline.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Fetches and parses the feed, notices the WebSub hubs it advertises, and ingests its items. */
  private async pollWithin(feed: FeedSource, state: FeedState, onValidators: (v: { etag?: string; lastModified?: string }) => void, deadline: AbortSignal): Promise<PollSummary> {
    const body = await this.fetchFeed(feed, state, deadline);
    if (body.notModified) return { feedId: feed.id, ok: true, items: 0, published: 0, duplicates: 0, warnings: [], notModified: true };
    if (body.etag !== undefined || body.lastModified !== undefined) onValidators({ etag: body.etag, lastModified: body.lastModified });
    const parsed = await parseFeed(body.bytes, { contentType: body.contentType, url: body.url ?? undefined });
    if (parsed.ok && body.url && this.websub) {
      // Subscribing talks to the hub: it must not hold the poll, and its failure is the sweep's to retry.
      void this.websub.discovered(feed.id, body.url, body.link, parsed.push).catch((err) => this.log.warn('websub discovery failed', { feed: feed.id, err }));
    }
    return this.ingestParsed(feed, parsed, deadline);
  }

  /**
   * The feed and its article pages share one deadline. Past it, items still waiting for their page go out with the
   * feed's own text: a slow publisher delays its own items' full text, never the items themselves or other feeds.
   * Polled and pushed bodies both end here.
   */
  private async ingestParsed(feed: FeedSource, parsed: FeedParseResult, deadline: AbortSignal): Promise<PollSummary> {
    const warnings = new WarningTally();
    const base: PollSummary = { feedId: feed.id, ok: true, items: 0, published: 0, duplicates: 0, warnings: [] };
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
   * A hub pushed this feed's content (signature already checked). It takes the polled path at once, under the same
   * deadline as a poll; at most a few pushes per poll slot run at a time, beyond that the hub is asked to retry.
   */
  acceptPush(feedId: string, body: Buffer, contentType: string | undefined): PushOutcome {
    const feed = this.feedsById.get(feedId);
    if (!feed || this.stopped) return 'unknown_feed';
    if (this.pushing >= this.config.concurrency * 4) return 'busy';
    this.pushing++;
    void withCorrelation(newCorrelationId(), async () => {
      const deadline = AbortSignal.timeout(this.config.pollDeadlineMs ?? POLL_DEFAULTS.pollDeadlineMs);
      const parsed = await parseFeed(body, { contentType, url: feed.url });
      const summary = await this.ingestParsed(feed, parsed, deadline);
      polls.inc({ outcome: summary.ok ? 'pushed' : 'push_error' });
      this.tally.published += summary.published;
      this.tally.duplicates += summary.duplicates;
      if (summary.ok) this.log.debug('feed pushed', { feed: feed.id, items: summary.items, published: summary.published, duplicates: summary.duplicates });
      else this.log.warn('pushed content unreadable', { feed: feed.id, code: summary.errorCode, reason: summary.errorMessage });
    })
      .catch((err) => this.log.warn('pushed content not ingested; the next poll picks it up', { feed: feed.id, err }))
      .finally(() => this.pushing--);
    return 'accepted';
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
    const keysOf = (c: Candidate) => [c.identity.id, c.identity.contentKey, globalIdOfUntrusted(c)].filter((k): k is string => k !== null);
    const seen = await this.seen.seenAmong(batch.flatMap(keysOf));
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

  private async fetchFeed(
    feed: FeedSource,
    validators: FeedState,
    deadline: AbortSignal,
  ): Promise<{ bytes: Uint8Array; contentType?: string; url: string | null; notModified: boolean; etag?: string; lastModified?: string; link?: string }> {
    if (feed.file) {
      const info = await stat(feed.file).catch(() => null);
      if (!info) throw new AppError(ErrorCode.FeedFetchFailed, `feed file not found: ${feed.file}`);
      if (info.size > this.config.maxBytes) throw new AppError(ErrorCode.FeedTooLarge, `feed file larger than ${this.config.maxBytes} bytes`);
      return { bytes: await readFile(feed.file), url: null, notModified: false };
    }
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
    const contentType = headerValue(res.headers, 'content-type');
    const fresh = res.etag || res.lastModified ? { etag: res.etag, lastModified: res.lastModified } : {};
    return { bytes: res.body, contentType, url: res.url, notModified: false, link: headerValue(res.headers, 'link'), ...fresh };
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
    await this.seen.remember(identity.contentKey ? [identity.id, identity.contentKey] : [identity.id]);
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
    return extractArticleText(res.body, res.url, type).text || null;
  }

  /** One SET and one HSET, no read: the counters come from the state read at the start of the poll. */
  private async recordHealth(feed: FeedSource, previous: FeedState, s: PollSummary & { etag?: string; lastModified?: string }, startedAt: number, plan?: (failures: number) => number): Promise<number> {
    const { state, health } = afterPoll({ id: feed.id, source: feed.url ?? `file:${feed.file}` }, previous, s, startedAt, ErrorCode.FeedFetchFailed, plan);
    if (this.redis) {
      // One write for both (the client pipelines commands issued in the same tick).
      await Promise.all([this.redis.set(feedStateKey(feed.id), JSON.stringify(state), 'EX', FEED_STATE_TTL_SECONDS), this.redis.hset(FEED_HEALTH_KEY, feed.id, JSON.stringify(health))]);
    } else {
      await Promise.all([this.store.set(feedStateKey(feed.id), JSON.stringify(state), FEED_STATE_TTL_SECONDS), this.store.hset(FEED_HEALTH_KEY, feed.id, JSON.stringify(health))]);
    }
    return state.failures ?? 0;
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

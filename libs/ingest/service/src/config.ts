import { z } from 'zod';
import { AppError, ErrorCode } from '@pharma-radar/contracts';
import { parseAllowEntry } from '@pharma-radar/ingest-fetch';
import { websubConfig, websubEnv, type WebSubConfig } from '@pharma-radar/ingest-push';
import { Env, env, EnvValues, InfraConfig } from '@pharma-radar/platform-config';

export const feedSourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'lower-case letters, digits, . _ - (max 80)'),
    title: z.string().max(200).optional(),
    url: z.string().max(2_000).optional(),
    /** A feed file on disk (bundled samples, replays); read as-is, never fetched. */
    file: z.string().max(2_000).optional(),
    /**
     * The outlet's own site when the feed is hosted elsewhere (feedburner): its links count as the outlet's own.
     * Operator-declared, because the feed's <link> is written by the feed and would let a squatter claim any site.
     */
    site: z
      .string()
      .max(253)
      .regex(/^[a-z0-9.-]+$/i, 'a host name, e.g. pharma.example')
      .optional(),
    /** An aggregator lists other outlets' articles on purpose: its links are trusted as the articles' identity. */
    aggregator: z.boolean().optional(),
  })
  .strict()
  .refine((f) => Boolean(f.url) !== Boolean(f.file), { message: 'each feed needs exactly one of url or file' });
export type FeedSource = z.infer<typeof feedSourceSchema>;

/** One replica polls 100,000 feeds every 5 minutes in about a core; replicas share a longer list through leases. */
export const MAX_FEEDS = 500_000;
export const feedsFileSchema = z.object({ feeds: z.array(feedSourceSchema).max(MAX_FEEDS, `at most ${MAX_FEEDS} feeds`) }).strict();

// host:port only: an entry exempts one port of one host, so an allowed feed server's other services stay closed.
const hostPortList = () =>
  Env.list().superRefine((entries, ctx) => {
    for (const e of entries) {
      const a = parseAllowEntry(e);
      if (!a) ctx.addIssue({ code: 'custom', message: `"${e}" is not host:port (e.g. 127.0.0.1:8080, [::1]:8080, feeds.lan:443)` });
      else if (a.port === null) ctx.addIssue({ code: 'custom', message: `"${e}" has no port: write host:port, since an entry exempts one port of one host (e.g. ${e.includes(':') ? `[${e}]` : e}:443)` });
    }
  });

export const ingestEnv = {
  FEEDS_FILE: env(Env.str('config/feeds.json'), 'JSON file listing feeds: {"feeds":[{"id","url"}|{"id","file"}]}; relative to the working directory.', { example: 'config/feeds.json' }),
  INGEST_POLL_INTERVAL_SECONDS: env(Env.int(300, 5, 86_400), 'Seconds between polls of one feed (failing feeds back off up to 1 h).', { example: '300' }),
  INGEST_FETCH_ARTICLES: env(Env.bool(true), 'Fetch each new item\u2019s article page for its full text.', { example: 'true' }),
  INGEST_ALLOW_PRIVATE_HOSTS: env(
    hostPortList(),
    'host:port entries ([v6]:port for IPv6) whose FEED URLs may be private addresses (tests, on-prem feeds); only that port, only feed URLs and their redirects, never article links. A bare host is refused. Empty in production.',
    { example: '' },
  ),
  INGEST_ALLOW_PRIVATE_ARTICLE_HOSTS: env(
    hostPortList(),
    'host:port entries whose article pages may be fetched from private addresses (an on-prem CMS, tests). Separate from the feed list: a feed\u2019s exemption never extends to the links it lists. Empty in production.',
    { example: '' },
  ),
  INGEST_TIMEOUT_MS: env(Env.int(15_000, 100, 120_000), 'Total deadline of one HTTP fetch, redirects included.', { example: '15000' }),
  INGEST_MAX_FEED_BYTES: env(Env.int(5_000_000, 1_000, 50_000_000), 'Largest feed or article body read (after decompression).', { example: '5000000' }),
  INGEST_DEDUP_TTL_DAYS: env(Env.int(30, 1, 365), 'How long a seen item id is remembered.', { example: '30' }),
  INGEST_POLL_DEADLINE_SECONDS: env(Env.int(60, 1, 3_600), 'Deadline of one poll: the feed and its article pages. Items still waiting for their page then go out with the feed\u2019s own text (warning ARTICLE_DEADLINE).', { example: '60' }),
  INGEST_ARTICLE_CONCURRENCY: env(Env.int(4, 1, 64), 'Article pages fetched at once within one poll.', { example: '4' }),
  INGEST_HOST_CONCURRENCY: env(Env.int(2, 1, 16), 'Article pages fetched at once from one host, across all polls.', { example: '2' }),
  INGEST_HOST_INTERVAL_MS: env(Env.int(500, 0, 60_000), 'Least time between two article fetches starting on one host (politeness).', { example: '500' }),
  INGEST_POLL_CONCURRENCY: env(Env.int(8, 1, 256), 'Feed polls in flight at once in one replica (each bounded by the poll deadline).', { example: '8' }),
  INGEST_LEASE_SECONDS: env(
    Env.int(30, 3, 600),
    'Lease of a shard of the feed list in Redis: replicas share the feeds and a stopped replica\u2019s feeds are taken over within about this long (plus a third). Renewed every third of it.',
    { example: '30' },
  ),
  INGEST_SEEN_BUCKETS: env(
    Env.int(1_024, 1, 1_048_576),
    'Hashes per day holding the remembered item ids in Redis; about a day\u2019s new items / 64 keeps each small (listpack) at about 16 bytes per item.',
    { example: '1024' },
  ),
  INGEST_USER_AGENT: env(Env.str('PharmaRadar/0.1 (+https://pharma-radar.example/bot)'), 'User-Agent sent to publishers.', {}),
  INGEST_HTTP_PORT: env(Env.int(3001, 0, 65_535), 'HTTP port of the ingest service (health, metrics, WebSub callback).', { example: '3001' }),
  ...websubEnv,
};
export type IngestEnv = EnvValues<typeof ingestEnv>;

export interface IngestConfig {
  feeds: FeedSource[];
  pollIntervalMs: number;
  fetchArticles: boolean;
  /** host:port entries exempt from the private-address block for feed URLs only (article links never). */
  allowPrivateHosts: string[];
  /** host:port entries whose article pages may be private (default none); never derived from the feed list. */
  allowPrivateArticleHosts?: string[];
  timeoutMs: number;
  maxBytes: number;
  dedupTtlSeconds: number;
  userAgent: string;
  /** Feed polls in flight at once (INGEST_POLL_CONCURRENCY); article fetches are paced per host separately. */
  concurrency: number;
  /** Deadline of one poll, feed and article pages (default 60 s). */
  pollDeadlineMs?: number;
  /** Article pages fetched at once within one poll (default 4). */
  articleConcurrency?: number;
  /** Redis for the compact seen memory and the shard leases; without it one replica owns every feed. */
  redis?: { url: string; keyPrefix: string } | null;
  /** Hashes per day of the compact seen memory (default 1024). */
  seenBuckets?: number;
  /** Lease of one shard of the feed list (default 30 s). */
  leaseMs?: number;
  /** Shards the feed list is split into for leases (default 64); the same on every replica. */
  leaseShards?: number;
  /** Period of the info-level summary line (default 60 s); single polls log at debug. */
  summaryIntervalMs?: number;
  /** Article pages fetched at once from one host across polls (default 2). */
  hostConcurrency?: number;
  /** WebSub subscriptions (off without a callback URL). */
  websub?: WebSubConfig;
  /** Least time between two article fetches starting on one host (default 500 ms). */
  hostIntervalMs?: number;
}

export const POLL_DEFAULTS = {
  pollDeadlineMs: 60_000,
  articleConcurrency: 4,
  hostConcurrency: 2,
  hostIntervalMs: 500,
  seenBuckets: 1_024,
  leaseMs: 30_000,
  leaseShards: 64,
  summaryIntervalMs: 60_000,
} as const;

/** `infra` brings Redis (compact seen memory, leases shared by replicas); without it the poller uses the store alone. */
export function ingestConfig(e: IngestEnv, feeds: FeedSource[], infra?: Pick<InfraConfig, 'redis'>): IngestConfig {
  return {
    redis: infra?.redis ?? null,
    seenBuckets: e.INGEST_SEEN_BUCKETS,
    leaseMs: e.INGEST_LEASE_SECONDS * 1000,
    feeds,
    pollIntervalMs: e.INGEST_POLL_INTERVAL_SECONDS * 1000,
    fetchArticles: e.INGEST_FETCH_ARTICLES,
    allowPrivateHosts: e.INGEST_ALLOW_PRIVATE_HOSTS,
    allowPrivateArticleHosts: e.INGEST_ALLOW_PRIVATE_ARTICLE_HOSTS,
    timeoutMs: e.INGEST_TIMEOUT_MS,
    maxBytes: e.INGEST_MAX_FEED_BYTES,
    dedupTtlSeconds: e.INGEST_DEDUP_TTL_DAYS * 86_400,
    userAgent: e.INGEST_USER_AGENT,
    concurrency: e.INGEST_POLL_CONCURRENCY,
    pollDeadlineMs: e.INGEST_POLL_DEADLINE_SECONDS * 1000,
    articleConcurrency: e.INGEST_ARTICLE_CONCURRENCY,
    hostConcurrency: e.INGEST_HOST_CONCURRENCY,
    hostIntervalMs: e.INGEST_HOST_INTERVAL_MS,
    websub: websubConfig(e, { maxBytes: e.INGEST_MAX_FEED_BYTES, timeoutMs: e.INGEST_TIMEOUT_MS, allowPrivateHosts: e.INGEST_ALLOW_PRIVATE_HOSTS, userAgent: e.INGEST_USER_AGENT }),
  };
}

/** Parses the feeds file text; every problem is reported with its path so an operator can fix it. */
export function parseFeedsFile(text: string): { ok: true; feeds: FeedSource[] } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `feeds file is not JSON: ${(e as Error).message}` };
  }
  const parsed = feedsFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const ids = new Set<string>();
  for (const f of parsed.data.feeds) {
    if (ids.has(f.id)) return { ok: false, error: `duplicate feed id ${f.id}` };
    ids.add(f.id);
  }
  return { ok: true, feeds: parsed.data.feeds };
}

/** Reads and validates the feeds file at boot; relative `file` entries resolve against the working directory. */
export function readFeedsFile(path: string, read: (p: string) => string): FeedSource[] {
  let text: string;
  try {
    text = read(path);
  } catch (e) {
    throw new AppError(ErrorCode.ConfigInvalid, `cannot read FEEDS_FILE ${path}: ${(e as Error).message}`);
  }
  const parsed = parseFeedsFile(text);
  if (!parsed.ok) throw new AppError(ErrorCode.ConfigInvalid, `invalid FEEDS_FILE ${path}: ${parsed.error}`);
  return parsed.feeds;
}

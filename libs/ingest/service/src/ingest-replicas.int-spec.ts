import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import Redis from 'ioredis';
import { RedisStore } from '@pharma-radar/platform-cache';
import { InMemoryBus } from '@pharma-radar/platform-messaging';
import { expectEventually, infraFromEnv, startHttpServer, TestHttpServer, uniquePrefix } from '@pharma-radar/testing';
import { FeedSource, IngestConfig } from './config';
import { FeedPoller } from './feed-poller';

const root = join(__dirname, '..', '..', '..', '..');
const INTERVAL = 1_000;
const SHARDS = 16;

interface Poll {
  feed: string;
  replica: string;
  at: number;
}

/**
 * Two replicas share 40 feeds through shard leases in Redis. Replica A runs in its own process so it can be killed
 * (SIGKILL: its leases are never released); replica B runs here. Who polled what is read from the feed server's log
 * (each replica sends its own User-Agent).
 */
describe('ingest replicas (real Redis, feeds on 127.0.0.1)', () => {
  const infra = infraFromEnv();
  let server: TestHttpServer;
  let prefix: string;
  let polls: Poll[];
  let child: ChildProcess | null = null;
  let b: FeedPoller | null = null;
  let store: RedisStore;

  beforeEach(async () => {
    prefix = `${uniquePrefix('ingest-replicas')}:`;
    polls = [];
    server = await startHttpServer((req, res) => {
      polls.push({ feed: req.path, replica: String(req.headers['user-agent']), at: Date.now() });
      res.writeHead(304, { etag: '"same"' }).end();
    });
    store = new RedisStore(infra.redisUrl, prefix);
  });

  afterEach(async () => {
    child?.kill('SIGKILL');
    await b?.onApplicationShutdown();
    await server.close();
    await store.close();
    const raw = new Redis(infra.redisUrl);
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length) await raw.del(...keys);
    raw.disconnect();
  });

  function config(replica: string, feeds: FeedSource[]): IngestConfig {
    return {
      feeds,
      pollIntervalMs: INTERVAL,
      fetchArticles: false,
      allowPrivateHosts: [`127.0.0.1:${server.port}`],
      timeoutMs: 5_000,
      maxBytes: 100_000,
      dedupTtlSeconds: 3_600,
      userAgent: replica,
      concurrency: 4,
      redis: { url: infra.redisUrl, keyPrefix: prefix },
      leaseMs: 1_500,
      leaseShards: SHARDS,
    };
  }

  function startChild(cfg: IngestConfig): { held: () => number[] } {
    let held: number[] = [];
    child = fork(join(__dirname, '..', 'test', 'replica.ts'), [], {
      execArgv: ['-r', join(root, 'tools', 'register-ts.cjs')],
      env: { ...process.env, REPLICA_CONFIG: JSON.stringify(cfg) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (m: { held?: number[] }) => {
      if (m.held) held = m.held;
    });
    return { held: () => held };
  }

  it('should poll each feed by exactly one replica per interval, and take over a killed replica\u2019s feeds', async () => {
    const feeds = Array.from({ length: 40 }, (_, i) => ({ id: `feed-${i}`, url: `${server.url}/f/${i}` }));
    const a = startChild(config('replica-a', feeds));
    await expectEventually(() => expect(a.held()).toHaveLength(SHARDS), { timeoutMs: 20_000, intervalMs: 100 });

    b = new FeedPoller(config('replica-b', feeds), new InMemoryBus(), store);
    await b.onApplicationBootstrap();
    // A gives up its surplus once it sees B, B takes it: half each, none held twice.
    await expectEventually(
      () => {
        expect(b!.heldShards()).toHaveLength(SHARDS / 2);
        expect(a.held()).toHaveLength(SHARDS / 2);
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(new Set([...a.held(), ...b.heldShards()]).size).toBe(SHARDS);

    // Three intervals with both running: every feed polled, each by one replica only.
    const from = Date.now();
    await new Promise((r) => setTimeout(r, 3 * INTERVAL + 500));
    const window = polls.filter((p) => p.at >= from);
    const byFeed = new Map<string, Set<string>>();
    for (const p of window) byFeed.set(p.feed, (byFeed.get(p.feed) ?? new Set()).add(p.replica));
    expect(byFeed.size).toBe(40);
    for (const replicas of byFeed.values()) expect(replicas.size).toBe(1);
    expect(new Set(window.map((p) => p.replica))).toEqual(new Set(['replica-a', 'replica-b']));

    // Never twice within an interval, through the hand-over included (jitter is +-10%; a double poll is ~0 ms apart).
    const killedAt = Date.now();
    const byFeedTimes = new Map<string, number[]>();
    for (const p of polls) byFeedTimes.set(p.feed, [...(byFeedTimes.get(p.feed) ?? []), p.at]);
    for (const times of byFeedTimes.values()) for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(0.8 * INTERVAL);

    // A dies without releasing anything: its leases expire and B polls every feed.
    child!.kill('SIGKILL');
    const aFeeds = new Set(window.filter((p) => p.replica === 'replica-a').map((p) => p.feed));
    expect(aFeeds.size).toBeGreaterThan(0);
    await expectEventually(
      () => {
        expect(b!.heldShards()).toHaveLength(SHARDS);
        const after = new Set(polls.filter((p) => p.at > killedAt && p.replica === 'replica-b').map((p) => p.feed));
        for (const f of aFeeds) expect(after.has(f)).toBe(true);
      },
      { timeoutMs: 15_000, intervalMs: 100 },
    );
  }, 60_000);
});

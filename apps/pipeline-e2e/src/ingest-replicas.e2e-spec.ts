import { ArticleIngestedV1, ConsumerGroups, Topics } from '@pharma-radar/contracts';
import { FeedPoller, FeedSource, IngestConfig, IngestModule } from '@pharma-radar/ingest-service';
import { RunningService, startService } from '@pharma-radar/platform-bootstrap';
import { RedisStore } from '@pharma-radar/platform-cache';
import type { InfraConfig } from '@pharma-radar/platform-config';
import { KafkaBus } from '@pharma-radar/platform-messaging';
import { expectEventually, infraFromEnv, startHttpServer, TestHttpServer, uniquePrefix } from '@pharma-radar/testing';

const FEEDS = 12;
const SHARDS = 64;

/**
 * Two ingest services as deployed (startService + IngestModule, KafkaBus, RedisStore) share twelve feeds through
 * shard leases in Redis. Each feed's items must reach the ingested topic exactly once while both run, and after one
 * is stopped the other takes every shard at once (leases released on shutdown) and publishes what comes next.
 */
describe('ingest replicas on the real broker and Redis', () => {
  const env = infraFromEnv();
  const prefix = uniquePrefix('e2e-ingest-replicas');
  let server: TestHttpServer;
  let observer: KafkaBus;
  const services: RunningService[] = [];
  const published: ArticleIngestedV1[] = [];
  let round = 1;

  const rss = (i: number) => {
    const items = Array.from({ length: round + 1 }, (_, n) => `<item><title>Feed ${i} story ${n}</title><link>${server.url}/a/${i}/${n}</link><description>Story ${n} of feed ${i}.</description></item>`);
    return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${i}</title><link>${server.url}/</link>${items.join('')}</channel></rss>`;
  };

  function start(replica: string, feeds: FeedSource[]): Promise<RunningService> {
    const infra: InfraConfig = { kafka: { brokers: env.kafkaBrokers, clientId: prefix }, redis: { url: env.redisUrl, keyPrefix: `${prefix}:` }, logLevel: 'silent', httpHost: '127.0.0.1' };
    const config: IngestConfig = {
      feeds,
      pollIntervalMs: 1_000,
      fetchArticles: false,
      allowPrivateHosts: [`127.0.0.1:${server.port}`],
      timeoutMs: 5_000,
      maxBytes: 1_000_000,
      dedupTtlSeconds: 3_600,
      userAgent: replica,
      concurrency: 4,
      redis: infra.redis,
      leaseMs: 1_500,
    };
    return startService({
      name: replica,
      modules: [IngestModule.forRoot(config)],
      infra,
      http: { port: 0, host: '127.0.0.1' },
      bus: new KafkaBus({ brokers: env.kafkaBrokers, clientId: `${prefix}-${replica}`, topicSuffix: `.${prefix}` }),
      store: new RedisStore(env.redisUrl, `${prefix}:`),
    });
  }

  beforeAll(async () => {
    server = await startHttpServer((req, res) => {
      const m = /^\/f\/(\d+)$/.exec(req.path);
      res.writeHead(m ? 200 : 404, { 'content-type': 'application/rss+xml' });
      res.end(m ? rss(Number(m[1])) : '');
    });
    observer = new KafkaBus({ brokers: env.kafkaBrokers, clientId: `${prefix}-observer`, topicSuffix: `.${prefix}`, sessionTimeoutMs: 10_000 });
    await observer.start();
    await observer.subscribe({
      topic: Topics.articlesIngested,
      groupId: `${ConsumerGroups.classifier}.e2e-ingest-observer` as typeof ConsumerGroups.classifier,
      handler: async (e) => void published.push(e.payload),
    });
  }, 120_000);

  afterAll(async () => {
    for (const s of services) await s.close().catch(() => undefined);
    await observer?.stop().catch(() => undefined);
    await server?.close();
  });

  it('should publish each item once while two replicas share the feeds, and keep publishing after one stops', async () => {
    const feeds = Array.from({ length: FEEDS }, (_, i) => ({ id: `feed-${i}`, url: `${server.url}/f/${i}` }));
    const a = await start('ingest-a', feeds);
    services.push(a);
    const b = await start('ingest-b', feeds);
    services.push(b);
    const held = () => [a, b].map((s) => s.app.get(FeedPoller).heldShards());
    await expectEventually(() => expect(held().map((h) => h.length)).toEqual([SHARDS / 2, SHARDS / 2]), { timeoutMs: 20_000, intervalMs: 100 });
    expect(new Set(held().flat()).size).toBe(SHARDS);

    await expectEventually(() => expect(published).toHaveLength(FEEDS * 2), { timeoutMs: 30_000, intervalMs: 200 });
    // Several more polls of every feed: nothing new, nothing twice.
    await new Promise((r) => setTimeout(r, 3_000));
    const ids = published.map((e) => e.articleId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(FEEDS * 2);

    await a.close();
    services.splice(services.indexOf(a), 1);
    await expectEventually(() => expect(b.app.get(FeedPoller).heldShards()).toHaveLength(SHARDS), { timeoutMs: 10_000, intervalMs: 100 });
    round = 2;
    await expectEventually(() => expect(published).toHaveLength(FEEDS * 3), { timeoutMs: 30_000, intervalMs: 200 });
    await new Promise((r) => setTimeout(r, 2_000));
    const after = published.map((e) => e.articleId);
    expect(new Set(after).size).toBe(FEEDS * 3);
    expect(after).toHaveLength(FEEDS * 3);
  }, 120_000);
});

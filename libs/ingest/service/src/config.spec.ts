import { AppError } from '@pharma-radar/contracts';
import { readEnv } from '@pharma-radar/platform-config';
import { ingestConfig, ingestEnv, MAX_FEEDS, parseFeedsFile, POLL_DEFAULTS } from './config';

describe('ingest config', () => {
  it('should take host:port entries and the budget defaults when the env names them', () => {
    const e = readEnv(ingestEnv, { INGEST_ALLOW_PRIVATE_HOSTS: '127.0.0.1:8080, [::1]:9000,feeds.lan:443', INGEST_ALLOW_PRIVATE_ARTICLE_HOSTS: 'cms.lan:8443' });
    const c = ingestConfig(e, []);
    expect(c.allowPrivateHosts).toEqual(['127.0.0.1:8080', '[::1]:9000', 'feeds.lan:443']);
    expect(c.allowPrivateArticleHosts).toEqual(['cms.lan:8443']);
    expect(c).toMatchObject({ pollDeadlineMs: 60_000, articleConcurrency: 4, hostConcurrency: 2, hostIntervalMs: 500 });
    expect(POLL_DEFAULTS).toMatchObject({ pollDeadlineMs: 60_000, articleConcurrency: 4, hostConcurrency: 2, hostIntervalMs: 500, leaseMs: 30_000, seenBuckets: 1_024 });
    expect(c).toMatchObject({ concurrency: 8, leaseMs: 30_000, seenBuckets: 1_024, redis: null });
  });

  it('should refuse a bare host and a malformed entry at load, naming each', () => {
    let error: unknown;
    try {
      readEnv(ingestEnv, { INGEST_ALLOW_PRIVATE_HOSTS: '127.0.0.1,::1,http://x:80', INGEST_ALLOW_PRIVATE_ARTICLE_HOSTS: 'cms.lan' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const message = (error as Error).message;
    expect(message).toContain('INGEST_ALLOW_PRIVATE_HOSTS: "127.0.0.1" has no port: write host:port');
    expect(message).toContain('"::1" has no port');
    expect(message).toContain('[::1]:443');
    expect(message).toContain('"http://x:80" is not host:port');
    expect(message).toContain('INGEST_ALLOW_PRIVATE_ARTICLE_HOSTS: "cms.lan" has no port');
  });

  it('should read the poll budgets from the env when set', () => {
    const c = ingestConfig(readEnv(ingestEnv, { INGEST_POLL_DEADLINE_SECONDS: '30', INGEST_ARTICLE_CONCURRENCY: '8', INGEST_HOST_CONCURRENCY: '1', INGEST_HOST_INTERVAL_MS: '0' }), []);
    expect(c).toMatchObject({ pollDeadlineMs: 30_000, articleConcurrency: 8, hostConcurrency: 1, hostIntervalMs: 0 });
    expect(() => readEnv(ingestEnv, { INGEST_HOST_CONCURRENCY: '0' })).toThrow(/INGEST_HOST_CONCURRENCY/);
  });
});

describe('parseFeedsFile', () => {
  it('should accept aggregator and site when a feed declares them', () => {
    const r = parseFeedsFile(JSON.stringify({ feeds: [{ id: 'agg', url: 'https://agg.example/rss', aggregator: true }, { id: 'fb', url: 'https://feeds.feedburner.com/x', site: 'outlet.example' }] }));
    expect(r).toEqual({ ok: true, feeds: [{ id: 'agg', url: 'https://agg.example/rss', aggregator: true }, { id: 'fb', url: 'https://feeds.feedburner.com/x', site: 'outlet.example' }] });
  });

  it('should refuse a site that is not a host name and an aggregator that is not a boolean', () => {
    const r = parseFeedsFile(JSON.stringify({ feeds: [{ id: 'a', url: 'https://a.example/', site: 'https://outlet.example/' }, { id: 'b', url: 'https://b.example/', aggregator: 'yes' }] }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain('feeds.0.site');
      expect(r.error).toContain('feeds.1.aggregator');
    }
  });
});

describe('feeds file at scale', () => {
  it('should accept 100,000 feeds and refuse one more than MAX_FEEDS with the limit named', () => {
    const list = (n: number) => JSON.stringify({ feeds: Array.from({ length: n }, (_, i) => ({ id: `f${i}`, url: `https://f${i}.example/rss` })) });
    const ok = parseFeedsFile(list(100_000));
    expect(ok.ok && ok.feeds.length).toBe(100_000);
    const tooMany = parseFeedsFile(list(MAX_FEEDS + 1));
    expect(tooMany).toEqual({ ok: false, error: `feeds: at most ${MAX_FEEDS} feeds` });
  });

  it('should take Redis from the infra config when given, for leases and the compact seen memory', () => {
    const e = readEnv(ingestEnv, { INGEST_LEASE_SECONDS: '12', INGEST_SEEN_BUCKETS: '4096', INGEST_POLL_CONCURRENCY: '32' });
    const c = ingestConfig(e, [], { redis: { url: 'redis://127.0.0.1:6379', keyPrefix: 'pr:' } });
    expect(c).toMatchObject({ redis: { url: 'redis://127.0.0.1:6379', keyPrefix: 'pr:' }, leaseMs: 12_000, seenBuckets: 4_096, concurrency: 32 });
    expect(() => readEnv(ingestEnv, { INGEST_LEASE_SECONDS: '1' })).toThrow(/INGEST_LEASE_SECONDS/);
  });
});

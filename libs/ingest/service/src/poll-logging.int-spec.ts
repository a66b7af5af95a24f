import { Writable } from 'node:stream';
import { MemoryStore } from '@pharma-radar/platform-cache';
import { configureLogging } from '@pharma-radar/platform-logging';
import { InMemoryBus } from '@pharma-radar/platform-messaging';
import { expectEventually, startHttpServer, TestHttpServer } from '@pharma-radar/testing';
import { IngestConfig } from './config';
import { FeedPoller } from './feed-poller';

/** At 100,000 feeds a line per poll was a cost of its own: single polls log at debug, a summary at info. */
describe('FeedPoller logging (feeds on 127.0.0.1)', () => {
  let server: TestHttpServer;
  let lines: Array<Record<string, unknown>>;
  let poller: FeedPoller | null = null;

  beforeEach(async () => {
    lines = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
        cb();
      },
    });
    configureLogging({ service: 'test', level: 'info', destination: stream });
    server = await startHttpServer((req, res) => {
      if (req.path.startsWith('/ok/')) res.writeHead(304, { etag: '"v"' }).end();
      else res.writeHead(404).end();
    });
  });

  afterEach(async () => {
    await poller?.onApplicationShutdown();
    poller = null;
    await server.close();
    configureLogging({ service: 'test', level: 'silent' });
  });

  const config = (feeds: IngestConfig['feeds'], over: Partial<IngestConfig> = {}): IngestConfig => ({
    feeds,
    pollIntervalMs: 400,
    fetchArticles: false,
    allowPrivateHosts: [`127.0.0.1:${server.port}`],
    timeoutMs: 5_000,
    maxBytes: 100_000,
    dedupTtlSeconds: 3_600,
    userAgent: 'PharmaRadar-test',
    concurrency: 2,
    summaryIntervalMs: 500,
    ...over,
  });

  it('should print no line per successful poll at info, and a periodic summary counting them', async () => {
    const feeds = [0, 1, 2].map((i) => ({ id: `ok-${i}`, url: `${server.url}/ok/${i}` }));
    poller = new FeedPoller(config(feeds), new InMemoryBus(), new MemoryStore());
    await poller.onApplicationBootstrap();
    await expectEventually(() => expect(lines.filter((l) => l.msg === 'ingest summary' && Number(l.polls) >= 3)).not.toHaveLength(0), { timeoutMs: 10_000 });
    const summary = lines.find((l) => l.msg === 'ingest summary' && Number(l.polls) >= 3)!;
    expect(summary).toMatchObject({ level: 'info', failed: 0, feedsOwned: 3 });
    expect(summary.notModified).toBe(summary.polls);
    expect(lines.filter((l) => l.msg === 'feed polled')).toEqual([]);
    expect(server.requests.length).toBeGreaterThanOrEqual(3);
  });

  it('should warn about a failing feed at its 1st, 2nd and 4th failure in a row, not at every poll', async () => {
    const dead = { id: 'dead', url: `${server.url}/gone` };
    poller = new FeedPoller(config([dead]), new InMemoryBus(), new MemoryStore());
    for (let i = 0; i < 5; i++) expect(await poller.poll(dead)).toMatchObject({ ok: false });
    const warned = lines.filter((l) => l.msg === 'feed poll failed');
    expect(warned.map((l) => [l.level, l.consecutiveFailures])).toEqual([
      ['warn', 1],
      ['warn', 2],
      ['warn', 4],
    ]);
  });
});

import { createServer } from 'node:net';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, logLevel } from 'kafkajs';
import { Topics, type ArticleIngestedV1 } from '@pharma-radar/contracts';
import { signBody } from '@pharma-radar/ingest-websub';
import { RedisStore, StoreModule } from '@pharma-radar/platform-cache';
import { HealthModule } from '@pharma-radar/platform-health';
import { KafkaBus, MessagingModule } from '@pharma-radar/platform-messaging';
import { expectEventually, infraFromEnv, startHttpServer, uniquePrefix, type TestHttpServer } from '@pharma-radar/testing';
import type { IngestConfig } from './config';
import { IngestModule } from './ingest.module';

// The whole push path on real services: a feed on 127.0.0.1 names its hub in a Link header; the poll subscribes;
// the hub verifies intent over HTTP and then pushes a signed body; its new item goes through the poller's own path
// to the real broker. Feed, hub and ingest all answer on 127.0.0.1.
const rss = (titles: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Push Wire</title><link>http://127.0.0.1/</link>${titles
    .map((t, i) => `<item><title>${t}</title><guid isPermaLink="false">push-${t.length}-${i}</guid><description>Text of ${t}.</description></item>`)
    .join('')}</channel></rss>`;

/** A port free right now: the callback URL must be known before the first poll asks a hub to call it. */
const freePort = () => new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as { port: number };
    probe.close(() => resolve(port));
  });
});

describe('WebSub push into the ingest pipeline (real Kafka, Redis, hub and feed over HTTP)', () => {
  const infra = infraFromEnv();
  const suffix = `.${uniquePrefix('websub-e2e')}`;
  let app: INestApplication;
  let feed: TestHttpServer;
  let hub: TestHttpServer;
  let bus: KafkaBus;
  const forms: URLSearchParams[] = [];
  const received: { title: string; at: number }[] = [];
  let stopConsumer: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    hub = await startHttpServer(async (req, res) => {
      const form = new URLSearchParams(req.body);
      forms.push(form);
      res.writeHead(202).end();
      const q = new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.topic': form.get('hub.topic')!, 'hub.challenge': 'ok-1', 'hub.lease_seconds': '3600' });
      await fetch(`${form.get('hub.callback')}?${q}`);
    });
    feed = await startHttpServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', link: `<${hub.url}/hub>; rel="hub", <${feed.url}/rss>; rel="self"` });
      res.end(rss(['Polled story']));
    });

    const kafka = new Kafka({ clientId: 'websub-probe', brokers: infra.kafkaBrokers, logLevel: logLevel.NOTHING });
    bus = new KafkaBus({ brokers: infra.kafkaBrokers, clientId: 'websub-ingest', topicSuffix: suffix, sessionTimeoutMs: 10_000 });
    await bus.start();
    await bus.ensureTopics();
    const consumer = kafka.consumer({ groupId: uniquePrefix('websub-probe') });
    await consumer.connect();
    await consumer.subscribe({ topic: Topics.articlesIngested + suffix, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => {
      const env = JSON.parse(message.value!.toString()) as { payload: ArticleIngestedV1 };
      received.push({ title: env.payload.title, at: Date.now() });
    } });
    stopConsumer = () => consumer.disconnect();

    const allow = [`127.0.0.1:${feed.port}`, `127.0.0.1:${hub.port}`];
    const port = await freePort();
    const config: IngestConfig = {
      feeds: [{ id: 'push-wire', url: `${feed.url}/rss` }],
      pollIntervalMs: 3_600_000,
      fetchArticles: false,
      allowPrivateHosts: allow,
      timeoutMs: 3_000,
      maxBytes: 1_000_000,
      dedupTtlSeconds: 3_600,
      userAgent: 'PharmaRadar-test',
      concurrency: 2,
      websub: { callbackBase: `http://127.0.0.1:${port}`, leaseSeconds: 3_600, renewCheckMs: 60_000, maxBytes: 1_000_000, timeoutMs: 3_000, allowPrivateHosts: allow },
    };
    @Module({ imports: [HealthModule, MessagingModule.forRoot(bus), StoreModule.forRoot(new RedisStore(infra.redisUrl, `${uniquePrefix('websub-ingest')}:`)), IngestModule.forRoot(config)] })
    class Root {}
    // As the service bootstrap creates it (rawBody: JSON pushes are checked against their exact bytes).
    app = await NestFactory.create(Root, { logger: false, abortOnError: false, rawBody: true });
    await app.listen(port, '127.0.0.1');
  }, 90_000);

  afterAll(async () => {
    await stopConsumer();
    await app?.close();
    await bus?.stop();
    await Promise.all([feed?.close(), hub?.close()]);
  });

  it('subscribes on the first poll and publishes a pushed item through the same path as a polled one', async () => {
    // The scheduler polls the first feed at once on start.
    await expectEventually(() => expect(forms).toHaveLength(1), { timeoutMs: 20_000 });
    expect(forms[0].get('hub.topic')).toBe(`${feed.url}/rss`);
    const callback = forms[0].get('hub.callback')!;
    expect(callback).toMatch(/\/websub\/push-wire$/);
    await expectEventually(() => expect(received.map((r) => r.title)).toContain('Polled story'), { timeoutMs: 30_000 });

    // Wait until the verification has been answered (the subscription is then live), then push.
    const body = Buffer.from(rss(['Polled story', 'Pushed story']));
    const secret = forms[0].get('hub.secret')!;
    await expectEventually(async () => {
      const probe = await fetch(callback, { method: 'POST', headers: { 'content-type': 'application/rss+xml', 'x-hub-signature': signBody(Buffer.from('probe'), 'wrong') }, body: 'probe' });
      expect(probe.status).toBe(403);
    }, { timeoutMs: 10_000 });
    const sentAt = Date.now();
    const res = await fetch(callback, { method: 'POST', headers: { 'content-type': 'application/rss+xml', 'x-hub-signature': signBody(body, secret) }, body });
    expect(res.status).toBe(202);
    await expectEventually(() => expect(received.map((r) => r.title)).toContain('Pushed story'), { timeoutMs: 30_000 });
    // The already-polled item is a duplicate: published once in all.
    await new Promise((r) => setTimeout(r, 500));
    expect(received.filter((r) => r.title === 'Polled story')).toHaveLength(1);
    // Reported, not asserted: timings belong in benchmarks.
    process.stdout.write(`websub push to Kafka: ${received.find((r) => r.title === 'Pushed story')!.at - sentAt} ms\n`);

    const forged = await fetch(callback, { method: 'POST', headers: { 'content-type': 'application/rss+xml', 'x-hub-signature': signBody(body, 'guess') }, body: rss(['Forged story']) });
    expect(forged.status).toBe(403);
    await new Promise((r) => setTimeout(r, 500));
    expect(received.map((r) => r.title)).not.toContain('Forged story');
  }, 90_000);
});

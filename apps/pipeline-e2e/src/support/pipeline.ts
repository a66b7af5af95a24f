import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClassifierModule } from '@pharma-radar/classifier-service';
import { dashboardConfig, DashboardModule } from '@pharma-radar/dashboard-service';
import { FeedPoller, FeedSource, IngestConfig, IngestModule } from '@pharma-radar/ingest-service';
import { NotifierConfig, NotifierModule } from '@pharma-radar/notifier-service';
import { KeyValueStore, MemoryStore, RedisStore } from '@pharma-radar/platform-cache';
import type { InfraConfig } from '@pharma-radar/platform-config';
import { InMemoryBus, KafkaBus, MessageBus } from '@pharma-radar/platform-messaging';
import { RunningService, startService } from '@pharma-radar/platform-bootstrap';
import { infraFromEnv, serveRoutes, startHttpServer, startSmtpServer, TestHttpServer, TestSmtpServer, uniquePrefix } from '@pharma-radar/testing';

export type BusKind = 'kafka' | 'memory';

export interface Pipeline {
  feed: FeedSource;
  feedServer: TestHttpServer;
  slack: TestHttpServer;
  smtp: TestSmtpServer;
  services: Record<'ingest' | 'classifier' | 'notifier' | 'dashboard', RunningService>;
  poller: FeedPoller;
  /** A bus of the test's own, for observing topics. */
  observer: MessageBus;
  close(): Promise<void>;
}

const fixtures = join(__dirname, '..', 'fixtures');

/** Serves the fixture feed and its article pages on 127.0.0.1, with links pointing back at itself. */
async function serveFixtureFeed(): Promise<TestHttpServer> {
  const server = await startHttpServer();
  const withBase = (s: string) => s.split('{{BASE_URL}}').join(server.url);
  const routes: Parameters<typeof serveRoutes>[0] = {
    '/feed.xml': { headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body: withBase(readFileSync(join(fixtures, 'collaboration-feed.xml'), 'utf8')) },
  };
  for (const n of [1, 2, 3, 4]) routes[`/articles/${n}`] = { headers: { 'content-type': 'text/html; charset=utf-8' }, body: readFileSync(join(fixtures, 'articles', `${n}.html`), 'utf8') };
  server.setHandler(serveRoutes(routes));
  return server;
}

/**
 * The four services as separate Nest applications, each with its own bus client and store client,
 * exactly as deployed; only the infrastructure differs between 'kafka' (real broker + Redis) and
 * 'memory' (the embedded bus and store shared in-process).
 */
/** The dashboard trusts this header in the e2e run; requests name a user with it. */
export const E2E_USER_HEADER = 'X-E2E-User';

export async function startPipeline(kind: BusKind): Promise<Pipeline> {
  const feedServer = await serveFixtureFeed();
  const slack = await startHttpServer((_req, res) => {
    res.statusCode = 200;
    res.setHeader('content-type', 'text/plain');
    res.end('ok');
  });
  const smtp = await startSmtpServer();
  const prefix = uniquePrefix(`e2e-${kind}`);

  let infra: InfraConfig;
  let makeBus: (service: string) => MessageBus;
  let makeStore: () => KeyValueStore;
  if (kind === 'kafka') {
    const env = infraFromEnv();
    infra = { kafka: { brokers: env.kafkaBrokers, clientId: prefix }, redis: { url: env.redisUrl, keyPrefix: `${prefix}:` }, logLevel: 'silent', httpHost: '127.0.0.1' };
    makeBus = (service) => new KafkaBus({ brokers: env.kafkaBrokers, clientId: `${prefix}-${service}`, topicSuffix: `.${prefix}`, sessionTimeoutMs: 10_000 });
    makeStore = () => new RedisStore(env.redisUrl, `${prefix}:`);
  } else {
    const bus = new InMemoryBus();
    const store = new MemoryStore();
    infra = { kafka: null, redis: null, logLevel: 'silent', httpHost: '127.0.0.1' };
    makeBus = () => bus;
    makeStore = () => store;
  }

  const feed: FeedSource = { id: 'e2e-wire', title: 'E2E Wire', url: `${feedServer.url}/feed.xml` };
  const ingestConfig: IngestConfig = {
    feeds: [feed],
    // Only the first poll runs by itself; the test triggers the second.
    pollIntervalMs: 60 * 60 * 1000,
    fetchArticles: true,
    allowPrivateHosts: ['127.0.0.1'],
    timeoutMs: 5_000,
    maxBytes: 1_000_000,
    dedupTtlSeconds: 3_600,
    userAgent: 'PharmaRadar-e2e',
    concurrency: 1,
  };
  const notifierConfig: NotifierConfig = {
    subscribers: [
      { id: 'analyst', name: 'BD analyst', email: 'analyst@pharma.example', slackWebhookUrl: `${slack.url}/services/T000/B000/XXXX`, channels: ['email', 'slack'], watchlist: {}, active: true },
    ],
    smtp: { url: smtp.url, from: 'alerts@pharma-radar.example', poolConnections: 5 },
    console: false,
    allowedWebhookPrefixes: [`${slack.url}/`],
  };

  const observer = makeBus('observer');
  if (kind === 'kafka') await observer.start();
  const http = { port: 0, host: '127.0.0.1' };
  const start = (name: string, modules: Parameters<typeof startService>[0]['modules']) =>
    startService({ name, modules, infra, http, bus: makeBus(name), store: makeStore() });
  // Consumers first, so the first poll's events find every group already joined.
  const classifier = await start('classifier', [ClassifierModule]);
  const notifier = await start('notifier', [NotifierModule.forRoot(notifierConfig)]);
  // Signed in as a reverse proxy would do it: the e2e asserts the pipeline, dashboard-api.int-spec the sign-in.
  const dashboard = await start('dashboard', [DashboardModule.forRoot(dashboardConfig({ DASHBOARD_TRUSTED_IDENTITY_HEADER: E2E_USER_HEADER }), infra)]);
  const ingest = await start('ingest', [IngestModule.forRoot(ingestConfig)]);
  const services = { ingest, classifier, notifier, dashboard };

  return {
    feed,
    feedServer,
    slack,
    smtp,
    services,
    poller: ingest.app.get(FeedPoller),
    observer,
    async close() {
      for (const s of [ingest, notifier, classifier, dashboard]) await s.close().catch(() => undefined);
      await observer.stop().catch(() => undefined);
      await Promise.all([feedServer.close(), slack.close(), smtp.close()]);
    },
  };
}

import Redis from 'ioredis';
import { CollaborationFlaggedV1, Topics, TopicName, TopicPayload } from '@pharma-radar/contracts';
import type { DynamicModule } from '@nestjs/common';
import { SUBSCRIBER_DIRECTORY, SubscriptionsApiModule, type SubscriptionsApiConfig } from '@pharma-radar/notifier-api';
import { NotifierConfig, NotifierModule } from '@pharma-radar/notifier-service';
import { RunningService, startService } from '@pharma-radar/platform-bootstrap';
import type { InfraConfig } from '@pharma-radar/platform-config';
import { KafkaBus } from '@pharma-radar/platform-messaging';
import { infraFromEnv, startHttpServer, startSmtpServer, TestHttpServer, TestSmtpServer, uniquePrefix } from '@pharma-radar/testing';

export const ADMIN_KEY = 'admin-key-for-notifier-tests-0123456789';

/**
 * Notifiers on the real broker and Redis with a local SMTP server and a local Slack-like receiver. Every notifier
 * one harness starts shares its topics, its consumer group and its Redis prefix: two started at once are two replicas.
 */
export interface Harness {
  prefix: string;
  smtp: TestSmtpServer;
  slack: TestHttpServer;
  /** Time each Slack request arrived, and what we answered. */
  slackLog: Array<{ at: number; status: number }>;
  start(subscribers: unknown[], extra?: Partial<NotifierConfig>): Promise<RunningService>;
  /** The notifier as apps/notifier composes it: the subscriptions API (admin key ADMIN_KEY, on Kafka) feeding delivery. */
  startApp(extra?: Partial<NotifierConfig>): Promise<RunningService>;
  flag(svc: RunningService, flag: CollaborationFlaggedV1): Promise<void>;
  records<T extends TopicName>(svc: RunningService, topic: T): Promise<TopicPayload[T][]>;
  flushRedis(): Promise<number>;
  close(): Promise<void>;
}

export async function harness(label: string, slackAnswers: Array<{ status: number; headers?: Record<string, string> }> = []): Promise<Harness> {
  const { kafkaBrokers, redisUrl } = infraFromEnv();
  const prefix = uniquePrefix(label);
  const smtp = await startSmtpServer();
  const slackLog: Harness['slackLog'] = [];
  const slack = await startHttpServer((_req, res) => {
    const answer = slackAnswers.shift() ?? { status: 200 };
    slackLog.push({ at: Date.now(), status: answer.status });
    res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
    res.end(answer.status === 200 ? 'ok' : answer.status === 410 ? 'channel_is_archived' : 'rate_limited');
  });
  const infra: InfraConfig = { kafka: { brokers: kafkaBrokers, clientId: prefix }, redis: { url: redisUrl, keyPrefix: `${prefix}:` }, logLevel: 'silent', httpHost: '127.0.0.1' };
  const running: RunningService[] = [];
  let closed = false;
  async function startNotifier(modules: (config: NotifierConfig) => DynamicModule[], subscribers: unknown[], extra: Partial<NotifierConfig>): Promise<RunningService> {
    const config: NotifierConfig = {
      subscribers,
      smtp: { url: smtp.url, from: 'alerts@pharma-radar.example', poolConnections: 5 },
      console: false,
      allowedWebhookPrefixes: [`${slack.url}/`],
      redis: infra.redis,
      kafkaBrokers,
      delivery: { retryBaseMs: 300, slackIntervalMs: 1_000, stalledIntervalMs: 2_000, concurrency: 4 },
      ...extra,
    };
    const bus = new KafkaBus({ brokers: kafkaBrokers, clientId: prefix, topicSuffix: `.${prefix}`, groupIdSuffix: `.${prefix}`, sessionTimeoutMs: 10_000 });
    const svc = await startService({ name: 'notifier', modules: modules(config), infra, http: { port: 0, host: '127.0.0.1' }, bus });
    running.push(svc);
    return svc;
  }
  return {
    prefix,
    smtp,
    slack,
    slackLog,
    start(subscribers, extra = {}) {
      return startNotifier((config) => [NotifierModule.forRoot(config)], subscribers, extra);
    },
    startApp(extra = {}) {
      const api: SubscriptionsApiConfig = {
        adminApiKey: ADMIN_KEY, maxSubscribersPerTenant: 100, kafka: { brokers: kafkaBrokers, clientId: prefix }, topic: `pharma-radar.subscriptions.v1.${prefix}`,
        allowedWebhookPrefixes: [`${slack.url}/`], linkSecrets: [],
      };
      return startNotifier((config) => [SubscriptionsApiModule.forRoot(api), NotifierModule.forRoot(config, { subscriberSource: SUBSCRIBER_DIRECTORY })], [], extra);
    },
    async flag(svc, flag) {
      await svc.bus.publish(Topics.collaborationsFlagged, flag, { key: flag.collaborationId });
    },
    async records(svc, topic) {
      const out: TopicPayload[typeof topic][] = [];
      await svc.bus.replay(topic, {}, (e) => void out.push(e.payload));
      return out;
    },
    async flushRedis() {
      const redis = new Redis(redisUrl);
      let removed = 0;
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
          cursor = next;
          if (keys.length) removed += await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
      return removed;
    },
    async close() {
      // Idempotent: a test may close early to count what arrived, and afterEach closes again.
      if (closed) return;
      closed = true;
      for (const svc of running.reverse()) await svc.close().catch(() => undefined);
      await smtp.close();
      await slack.close();
    },
  };
}

/** Closes the harness a test opened once the test ends, passed or failed; `current` reads the test's variable. */
export function closeAfterEach(current: () => Harness | undefined): void {
  afterEach(async () => {
    await current()?.close();
  });
}

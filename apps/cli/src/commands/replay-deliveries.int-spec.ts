import { Topics } from '@pharma-radar/contracts';
import { NotifierModule } from '@pharma-radar/notifier-service';
import { startService } from '@pharma-radar/platform-bootstrap';
import { configureLogging } from '@pharma-radar/platform-logging';
import { KafkaBus } from '@pharma-radar/platform-messaging';
import { aFlag, expectEventually, infraFromEnv, startHttpServer, uniquePrefix } from '@pharma-radar/testing';
import { replayDeliveriesCommand } from './replay-deliveries';

jest.setTimeout(120_000);
configureLogging({ service: 'replay-deliveries-int', level: (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent' });

describe('replay --deliveries (real Kafka, Redis, HTTP)', () => {
  it('should re-drive a dead delivery once after the fix', async () => {
    const { kafkaBrokers, redisUrl } = infraFromEnv();
    const prefix = uniquePrefix('replay-deliveries');
    let status = 500;
    const accepted: string[] = [];
    const slack = await startHttpServer((req, res) => {
      if (status === 200) accepted.push(req.body);
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 200 ? 'ok' : 'internal_error');
    });
    const infra = { kafka: { brokers: kafkaBrokers, clientId: prefix }, redis: { url: redisUrl, keyPrefix: `${prefix}:` }, logLevel: 'silent' as const, httpHost: '127.0.0.1' };
    const svc = await startService({
      name: 'notifier',
      infra,
      http: { port: 0, host: '127.0.0.1' },
      bus: new KafkaBus({ brokers: kafkaBrokers, clientId: prefix, topicSuffix: `.${prefix}`, groupIdSuffix: `.${prefix}`, sessionTimeoutMs: 10_000 }),
      modules: [NotifierModule.forRoot({
        subscribers: [{ id: 'ana', slackWebhookUrl: `${slack.url}/services/T0/B0/x`, channels: ['slack'], watchlist: {}, active: true }],
        smtp: null,
        console: false,
        allowedWebhookPrefixes: [`${slack.url}/`],
        redis: infra.redis,
        kafkaBrokers,
        // A retry window of 1.5 s: the delivery dies after a few quick attempts.
        delivery: { retryBaseMs: 100, retryWindowMs: 1_500, slackIntervalMs: 0 },
      })],
    });
    const lines: string[] = [];
    const env = { KAFKA_BROKERS: kafkaBrokers.join(','), KAFKA_CLIENT_ID: prefix, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${prefix}:` };
    const run = (dryRun: boolean) => replayDeliveriesCommand({ dryRun }, (s) => lines.push(s), env, { topicSuffix: `.${prefix}` });
    try {
      await svc.bus.publish(Topics.collaborationsFlagged, aFlag().id('dead-1').build(), { key: 'dead-1' });
      await expectEventually(async () => {
        const dl: unknown[] = [];
        await svc.bus.replay(Topics.deliveryDeadLetters, {}, (e) => void dl.push(e.payload));
        expect(dl).toEqual([expect.objectContaining({ subscriberId: 'ana', channel: 'slack', collaborationIds: ['dead-1'], code: 'SLACK_SERVER_ERROR' })]);
      }, { timeoutMs: 30_000, intervalMs: 500 });

      expect(await run(true)).toBe(0);
      expect(JSON.parse(lines[0])).toMatchObject({ dryRun: true, deadDeliveries: 1 });

      status = 200; // the fix
      expect(await run(false)).toBe(0);
      expect(JSON.parse(lines[1])).toEqual({ deliveries: 1, jobs: 1 });
      await expectEventually(async () => {
        const states: string[] = [];
        await svc.bus.replay(Topics.deliveries, {}, (e) => void states.push(e.payload.state));
        expect(states[states.length - 1]).toBe('sent');
      }, { timeoutMs: 30_000, intervalMs: 500 });
      expect(accepted).toHaveLength(1);

      // Nothing is dead any more: a second replay re-drives nothing.
      expect(await run(false)).toBe(0);
      expect(JSON.parse(lines[2])).toEqual({ deliveries: 0, jobs: 0 });
    } finally {
      await svc.close();
      await slack.close();
    }
  });
});

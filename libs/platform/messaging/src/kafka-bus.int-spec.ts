import { Kafka, logLevel } from 'kafkajs';
import { articleIngestedV1Example, ConsumerGroups, DeadLetterV1, Headers, Topics, TopicSpecs } from '@pharma-radar/contracts';
import { expectEventually, infraFromEnv, uniquePrefix } from '@pharma-radar/testing';
import { EventOf } from './bus';
import { KafkaBus } from './kafka-bus';

describe('KafkaBus (real broker)', () => {
  const suffix = `.${uniquePrefix('bus-int')}`;
  const brokers = infraFromEnv().kafkaBrokers;
  let bus: KafkaBus;
  const seen: Array<EventOf<typeof Topics.articlesIngested>> = [];
  const dead: DeadLetterV1[] = [];

  beforeAll(async () => {
    bus = new KafkaBus({ brokers, clientId: 'bus-int', topicSuffix: suffix, retry: { maxAttempts: 2, baseDelayMs: 10 }, sessionTimeoutMs: 10_000 });
    await bus.start();
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: ConsumerGroups.classifier, handler: async (e) => {
      if (e.payload.title === 'explode') throw new Error('handler bug');
      seen.push(e);
    } });
    await bus.subscribe({ topic: Topics.deadLetters, groupId: ConsumerGroups.dashboardFlags, handler: async (e) => void dead.push(e.payload) });
  }, 60_000);

  afterAll(() => bus.stop());

  it('should create every topic with its declared partitions and be idempotent on a second start', async () => {
    await bus.ensureTopics();
    const admin = new Kafka({ clientId: 'probe', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const meta = await admin.fetchTopicMetadata({ topics: Object.values(Topics).map((t) => t + suffix) });
    await admin.disconnect();
    for (const t of meta.topics) {
      const logical = t.name.slice(0, -suffix.length) as keyof typeof TopicSpecs;
      expect(t.partitions).toHaveLength(TopicSpecs[logical].partitions);
    }
  });

  it('should deliver valid events past poison records and dead-letter the poison', async () => {
    await bus.publishRaw(Topics.articlesIngested, Buffer.from('{"bad":'), { key: 'same-key' });
    await bus.publishRaw(Topics.articlesIngested, null, { key: 'same-key' });
    await bus.publish(Topics.articlesIngested, { ...articleIngestedV1Example, title: 'explode' }, { key: 'same-key' });
    await bus.publish(Topics.articlesIngested, articleIngestedV1Example, { key: 'same-key', correlationId: 'corr-int-1' });

    await expectEventually(() => expect(seen.map((e) => e.correlationId)).toContain('corr-int-1'), { timeoutMs: 30_000 });
    await expectEventually(() => expect(dead.map((d) => d.errorCode).sort()).toEqual(['HANDLER_FAILED', 'MESSAGE_EMPTY', 'MESSAGE_NOT_JSON']), { timeoutMs: 30_000 });
    const poison = dead.find((d) => d.errorCode === 'MESSAGE_NOT_JSON')!;
    expect(Buffer.from(poison.valueBase64!, 'base64').toString()).toBe('{"bad":');
    expect(poison.consumerGroup).toBe(ConsumerGroups.classifier);
  });

  it('should carry the correlation id in a Kafka header and commit under the exact group id', async () => {
    const kafka = new Kafka({ clientId: 'probe', brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: uniquePrefix('probe') });
    const headers: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: Topics.articlesIngested + suffix, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void headers.push(message.headers?.[Headers.correlationId]?.toString() ?? '') });
    await expectEventually(() => expect(headers).toContain('corr-int-1'), { timeoutMs: 30_000 });
    await consumer.disconnect();

    const admin = kafka.admin();
    await admin.connect();
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
    await expectEventually(async () => {
      const offsets = await admin.fetchOffsets({ groupId: ConsumerGroups.classifier, topics: [Topics.articlesIngested + suffix] });
      const committed = offsets[0].partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
      expect(committed).toBe(4);
    }, { timeoutMs: 20_000 });
    await admin.disconnect();
    expect(groups).toContain(ConsumerGroups.classifier);
    expect(groups.some((g) => g.endsWith('-server') || g.endsWith('-client'))).toBe(false);
  });

  it('should replay stored records once without moving any group offsets when backtesting', async () => {
    const events: string[] = [];
    const summary = await bus.replay(Topics.articlesIngested, {}, (e) => void events.push(e.correlationId));
    expect(summary).toEqual({ read: 2, invalid: 2 });
    expect(events).toContain('corr-int-1');
    const future = await bus.replay(Topics.articlesIngested, { from: new Date(Date.now() + 3_600_000) }, () => undefined);
    expect(future).toEqual({ read: 0, invalid: 0 });
  });
});

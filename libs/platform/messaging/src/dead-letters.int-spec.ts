import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { Kafka, logLevel } from 'kafkajs';
import { AppError, articleIngestedV1Example, ConsumerGroupId, ConsumerGroups, DeadLetterV1, ErrorCode, Topics } from '@pharma-radar/contracts';
import { expectEventually, infraFromEnv, uniquePrefix } from '@pharma-radar/testing';
import { EventOf } from './bus';
import { createEnvelope, encodeEnvelope } from './envelope';
import { KafkaBus } from './kafka-bus';
import { BusTransport, MessagingModule, OnTopic } from './nest';

type Ingested = EventOf<typeof Topics.articlesIngested>;

describe('Dead letters of large records (real broker)', () => {
  const suffix = `.${uniquePrefix('dl-big')}`;
  const brokers = infraFromEnv().kafkaBrokers;
  const group = uniquePrefix('dl-big') as ConsumerGroupId;
  let bus: KafkaBus;
  const handled: string[] = [];
  const dead: DeadLetterV1[] = [];

  beforeAll(async () => {
    bus = new KafkaBus({ brokers, clientId: 'dl-big', topicSuffix: suffix, retry: { maxAttempts: 2, baseDelayMs: 10 }, sessionTimeoutMs: 10_000 });
    await bus.start();
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: group, handler: async (e) => {
      if (e.payload.title === 'reject me') throw new AppError(ErrorCode.DeliveryRejected, 'rejected: too long to read', false);
      handled.push(e.payload.articleId);
    } });
    await bus.subscribe({ topic: Topics.deadLetters, groupId: uniquePrefix('dl-big-reader') as ConsumerGroupId, handler: async (e) => void dead.push(e.payload) });
  }, 60_000);

  afterAll(() => bus.stop());

  it('should dead-letter a 0.9 MB record the handler rejects, with its hash and size, and go on with the partition', async () => {
    // Valid, so the handler sees it: the text limit counts characters, and '€' takes 3 bytes.
    const payload = { ...articleIngestedV1Example, articleId: 'big', title: 'reject me', text: '€'.repeat(200_000), summary: '€'.repeat(100_000) };
    const { value, headers } = encodeEnvelope(createEnvelope(Topics.articlesIngested, payload));
    expect(value.length).toBeGreaterThan(900_000);
    expect(value.length).toBeLessThan(1_000_000);
    await bus.publishRaw(Topics.articlesIngested, value, { key: 'one-key', headers });
    await bus.publish(Topics.articlesIngested, { ...articleIngestedV1Example, articleId: 'after' }, { key: 'one-key' });

    await expectEventually(() => expect(handled).toContain('after'), { timeoutMs: 30_000 });
    await expectEventually(() => expect(dead).toHaveLength(1), { timeoutMs: 30_000 });
    expect(dead[0]).toMatchObject({
      errorCode: ErrorCode.DeliveryRejected,
      errorMessage: 'rejected: too long to read',
      valueTruncated: true,
      valueBytes: value.length,
      valueSha256: createHash('sha256').update(value).digest('hex'),
    });
    // Most of the record is kept: it was cut to fit at once, not refused first and written bare.
    const kept = Buffer.from(dead[0].valueBase64!, 'base64');
    expect(kept.length).toBeGreaterThan(600_000);
    expect(kept.equals(value.subarray(0, kept.length))).toBe(true);

    // Both records committed: the partition did not stop at the large one.
    const admin = new Kafka({ clientId: 'dl-big-probe', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await expectEventually(async () => {
        const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [Topics.articlesIngested + suffix] });
        expect(offsets.partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0)).toBe(2);
      }, { timeoutMs: 20_000 });
    } finally {
      await admin.disconnect();
    }
  }, 90_000);
});

const nestCalls: string[] = [];

@Controller()
class FlagsA {
  @OnTopic(Topics.articlesIngested, ConsumerGroups.classifier)
  async a(@Payload() e: Ingested): Promise<void> {
    if (e.payload.title === 'refuse') throw new AppError(ErrorCode.DeliveryRejected, 'webhook answered 410 Gone', false);
    nestCalls.push(`a:${e.payload.articleId}`);
  }
}

@Controller()
class FlagsB {
  @OnTopic(Topics.articlesIngested, ConsumerGroups.dashboardClassified)
  async b(@Payload() e: Ingested): Promise<void> {
    if (e.payload.title !== 'refuse') nestCalls.push(`b:${e.payload.articleId}`);
  }
}

describe('BusTransport on the real broker', () => {
  const suffix = `.${uniquePrefix('nest-bus')}`;
  const brokers = infraFromEnv().kafkaBrokers;
  let bus: KafkaBus;
  let app: INestMicroservice;
  const dead: DeadLetterV1[] = [];

  beforeAll(async () => {
    bus = new KafkaBus({ brokers, clientId: 'nest-bus', topicSuffix: suffix, retry: { maxAttempts: 2, baseDelayMs: 10 }, sessionTimeoutMs: 10_000 });
    @Module({ imports: [MessagingModule.forRoot(bus)], controllers: [FlagsA, FlagsB] })
    class TestModule {}
    app = await NestFactory.createMicroservice(TestModule, { strategy: new BusTransport(bus), logger: false });
    await app.listen();
    await bus.subscribe({ topic: Topics.deadLetters, groupId: uniquePrefix('nest-bus-dl') as ConsumerGroupId, handler: async (e) => void dead.push(e.payload) });
  }, 60_000);

  afterAll(() => app.close());

  it('should run each handler of one topic once per message and dead-letter the real error', async () => {
    await bus.publish(Topics.articlesIngested, { ...articleIngestedV1Example, title: 'refuse' }, { key: 'r' });
    for (const id of ['x1', 'x2']) await bus.publish(Topics.articlesIngested, { ...articleIngestedV1Example, articleId: id }, { key: id });
    await expectEventually(() => expect(dead).toHaveLength(1), { timeoutMs: 30_000 });
    await expectEventually(() => expect(nestCalls).toHaveLength(4), { timeoutMs: 30_000 });
    expect(dead[0]).toMatchObject({ errorCode: ErrorCode.DeliveryRejected, errorMessage: 'webhook answered 410 Gone', attempts: 1, consumerGroup: ConsumerGroups.classifier });

    // Committed in both groups means every record was handled: a duplicate would already be here.
    const admin = new Kafka({ clientId: 'nest-bus-probe', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      for (const groupId of [ConsumerGroups.classifier, ConsumerGroups.dashboardClassified]) {
        await expectEventually(async () => {
          const [offsets] = await admin.fetchOffsets({ groupId, topics: [Topics.articlesIngested + suffix] });
          expect(offsets.partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0)).toBe(3);
        }, { timeoutMs: 20_000 });
      }
    } finally {
      await admin.disconnect();
    }
    expect([...nestCalls].sort()).toEqual(['a:x1', 'a:x2', 'b:x1', 'b:x2']);
  }, 90_000);
});

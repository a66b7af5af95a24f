import { Kafka, logLevel } from 'kafkajs';
import { articleIngestedV1Example, ConsumerGroupId, ConsumerGroups, DeadLetterV1, Headers, Topics, TopicSpecs } from '@pharma-radar/contracts';
import { expectEventually, infraFromEnv, uniquePrefix } from '@pharma-radar/testing';
import { EventOf } from './bus';
import { createEnvelope, encodeEnvelope } from './envelope';
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

describe('KafkaBus partitions handled concurrently (real broker)', () => {
  const suffix = `.${uniquePrefix('bus-conc')}`;
  const brokers = infraFromEnv().kafkaBrokers;
  const wire = Topics.articlesIngested + suffix;
  const kafka = new Kafka({ clientId: 'bus-conc-probe', brokers, logLevel: logLevel.NOTHING });
  // Groups of their own: a group shared with other suites on the broker would split partitions with them.
  const orderGroup = uniquePrefix('bus-conc-order') as ConsumerGroupId;
  const slowGroup = uniquePrefix('bus-conc-slow') as ConsumerGroupId;
  let bus: KafkaBus;

  /** Valid envelopes (or raw poison) written straight to one partition, so the test decides where each record lands. */
  async function writeTo(partition: number, values: Array<string | Buffer>): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    const messages = values.map((v) => {
      if (Buffer.isBuffer(v)) return { partition, key: `p${partition}`, value: v };
      const { value, headers } = encodeEnvelope(createEnvelope(Topics.articlesIngested, { ...articleIngestedV1Example, articleId: v }, { correlationId: v }));
      return { partition, key: `p${partition}`, value, headers };
    });
    await producer.send({ topic: wire, acks: -1, messages });
    await producer.disconnect();
  }

  beforeAll(async () => {
    bus = new KafkaBus({ brokers, clientId: 'bus-conc', topicSuffix: suffix, retry: { maxAttempts: 2, baseDelayMs: 10 }, sessionTimeoutMs: 6_000 });
    await bus.start();
  }, 60_000);

  afterAll(() => bus.stop());

  it('should keep the records of one key in order (one key per partition here) while a slow record on one partition lets another progress', async () => {
    // a1 (partition 0) waits until partition 1 is fully handled; b1 (partition 1) waits until a1 has
    // started. Only a consumer that runs both partitions at once gets through without a fallback
    // timeout, whichever partition it picks first. Partition 0 also carries a poison record.
    // Written before the group joins, so one fetch returns both partitions.
    await writeTo(0, ['a1', 'a2', Buffer.from('{"bad":'), 'a4', 'a5']);
    await writeTo(1, ['b1', 'b2', 'b3', 'b4', 'b5']);

    const byPartition = new Map<number, string[]>();
    let releaseA: () => void = () => undefined;
    const bDone = new Promise<void>((r) => (releaseA = r));
    let a1Started: () => void = () => undefined;
    const aStarted = new Promise<void>((r) => (a1Started = r));
    let bFinishedWhileA1Waited = false;
    let b1SawA1Started = false;
    // A fallback so a serial consumer fails the test instead of hanging it.
    const fallback = () => new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000));
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: orderGroup, handler: async (e, ctx) => {
      const id = e.payload.articleId;
      if (id === 'a1') {
        a1Started();
        bFinishedWhileA1Waited = (await Promise.race([bDone, fallback()])) !== 'timeout';
      }
      if (id === 'b1') b1SawA1Started = (await Promise.race([aStarted, fallback()])) !== 'timeout';
      byPartition.set(ctx.partition!, [...(byPartition.get(ctx.partition!) ?? []), id]);
      if (byPartition.get(1)?.length === 5) releaseA();
    } });

    await expectEventually(() => expect(byPartition.get(0)).toHaveLength(4), { timeoutMs: 40_000 });
    expect({ b1SawA1Started, bFinishedWhileA1Waited }).toEqual({ b1SawA1Started: true, bFinishedWhileA1Waited: true });
    expect(byPartition.get(0)).toEqual(['a1', 'a2', 'a4', 'a5']);
    expect(byPartition.get(1)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5']);

    const admin = kafka.admin();
    await admin.connect();
    try {
      await expectEventually(async () => {
        const [offsets] = await admin.fetchOffsets({ groupId: orderGroup, topics: [wire] });
        const committed = new Map(offsets.partitions.map((p) => [p.partition, p.offset]));
        // The poison record was dead-lettered and committed with the rest: nothing is left behind.
        expect([committed.get(0), committed.get(1)]).toEqual(['5', '5']);
      }, { timeoutMs: 20_000 });
    } finally {
      await admin.disconnect();
    }
  }, 90_000);

  it('should handle records of different keys in one partition side by side, keep each key in order and commit them all', async () => {
    const group = uniquePrefix('lanes') as ConsumerGroupId;
    // Partition 2: keys k0..k3, three records each, interleaved; the first record of k0 waits until k1's last is handled.
    const ids = [0, 1, 2].flatMap((round) => [0, 1, 2, 3].map((k) => ({ key: `k${k}`, id: `k${k}-${round}` })));
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: wire, acks: -1,
      messages: ids.map(({ key, id }) => ({ partition: 2, key, ...encodeEnvelope(createEnvelope(Topics.articlesIngested, { ...articleIngestedV1Example, articleId: id })) })),
    });
    await producer.disconnect();

    const handled: string[] = [];
    let releaseK0: () => void = () => undefined;
    const k1Done = new Promise<void>((r) => (releaseK0 = r));
    let k0WaitedForK1 = false;
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: group, handler: async (e, ctx) => {
      if (ctx.partition !== 2) return;
      const id = e.payload.articleId;
      // A one-record-at-a-time consumer would wait here until the fallback: k1's records come after k0-0.
      if (id === 'k0-0') k0WaitedForK1 = (await Promise.race([k1Done.then(() => 'done'), new Promise((r) => setTimeout(() => r('timeout'), 15_000))])) === 'done';
      handled.push(id);
      if (id === 'k1-2') releaseK0();
    } });

    await expectEventually(() => expect(handled).toHaveLength(12), { timeoutMs: 40_000 });
    expect(k0WaitedForK1).toBe(true);
    for (const k of ['k0', 'k1', 'k2', 'k3']) expect(handled.filter((id) => id.startsWith(`${k}-`))).toEqual([`${k}-0`, `${k}-1`, `${k}-2`]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const end = (await admin.fetchTopicOffsets(wire)).find((p) => p.partition === 2)?.high;
      await expectEventually(async () => {
        const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [wire] });
        expect(offsets.partitions.find((p) => p.partition === 2)?.offset).toBe(end);
      }, { timeoutMs: 20_000 });
    } finally {
      await admin.disconnect();
    }
  }, 90_000);

  it('should keep the group membership through a handler slower than the session timeout', async () => {
    const calls: string[] = [];
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: slowGroup, handler: async (e) => {
      // Only the first record is slow; 6 s session timeout, so without heartbeats the broker
      // would evict the member and the record would come back after the rejoin.
      if (e.payload.articleId === 'a1' && !calls.includes('a1')) await new Promise((r) => setTimeout(r, 10_000));
      calls.push(e.payload.articleId);
    } });
    // The records the tests above wrote reach this new group; the last of each partition's run marks the end.
    await expectEventually(() => expect(calls).toEqual(expect.arrayContaining(['a1', 'a5', 'b5', 'k3-2'])), { timeoutMs: 60_000 });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(calls.filter((id) => id === 'a1')).toEqual(['a1']);
  }, 90_000);
});

describe('KafkaBus publishing large messages concurrently (real broker)', () => {
  const suffix = `.${uniquePrefix('bus-big')}`;
  const brokers = infraFromEnv().kafkaBrokers;
  let bus: KafkaBus;

  beforeAll(async () => {
    bus = new KafkaBus({ brokers, clientId: 'bus-big', topicSuffix: suffix });
    await bus.start();
  }, 60_000);

  afterAll(() => bus.stop());

  async function recordsOn(topic: string): Promise<number> {
    const admin = new Kafka({ clientId: 'bus-big-probe', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic + suffix);
      return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    } finally {
      await admin.disconnect();
    }
  }

  it('should write every message when large messages to one partition would exceed the broker limit together', async () => {
    // Like dead letters: one key, so one partition; each fits alone, five together do not (1 MiB).
    const big = Buffer.alloc(300_000, 97);
    const sends = [1, 2, 3, 4, 5].map(() => bus.publishRaw(Topics.deadLetters, big, { key: Topics.articlesIngested }));
    await expect(Promise.all(sends)).resolves.toHaveLength(5);
    expect(await recordsOn(Topics.deadLetters)).toBe(5);
  }, 60_000);

  it('should fail only the message that is too large when it is sent beside small ones', async () => {
    const small = Buffer.from('{}');
    const sends = [small, Buffer.alloc(1_100_000, 97), small, small].map((v) => bus.publishRaw(Topics.articlesClassified, v, { key: 'one-key' }));
    const outcomes = await Promise.allSettled(sends);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(await recordsOn(Topics.articlesClassified)).toBe(3);
  }, 60_000);
});

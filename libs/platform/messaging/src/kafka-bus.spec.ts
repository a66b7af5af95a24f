import { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { ConsumerGroups, Topics, TopicSpecs } from '@pharma-radar/contracts';
import { expectEventually } from '@pharma-radar/testing';
import { KafkaBus, REBALANCE_TIMEOUT_MS } from './kafka-bus';

/** kafkajs clients replaced by doubles that record how KafkaBus configures and calls them. */
function fakeKafka() {
  let releaseAdmin: () => void = () => undefined;
  const adminConnected = new Promise<void>((r) => (releaseAdmin = r));
  const admin = {
    connect: jest.fn(() => adminConnected),
    describeCluster: jest.fn(async () => ({ brokers: [] })),
    listTopics: jest.fn(async () => Object.values(TopicSpecs).map((s) => s.name)),
    createTopics: jest.fn(async () => true),
    disconnect: jest.fn(async () => undefined),
  };
  const producers: Array<{ connect: jest.Mock; disconnect: jest.Mock; sendBatch: jest.Mock }> = [];
  const consumers: Array<{ emit: (event: string, payload?: unknown) => void; disconnect: jest.Mock }> = [];
  const makeConsumer = () => {
    const listeners = new Map<string, (e: { payload: unknown }) => void>();
    const consumer = {
      events: { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' },
      on: jest.fn((event: string, fn: (e: { payload: unknown }) => void) => void listeners.set(event, fn)),
      connect: jest.fn(async () => undefined),
      subscribe: jest.fn(async () => undefined),
      run: jest.fn(async () => undefined),
      disconnect: jest.fn(async () => undefined),
      emit: (event: string, payload: unknown = {}) => listeners.get(event)?.({ payload }),
    };
    consumers.push(consumer);
    return consumer;
  };
  jest.spyOn(Kafka.prototype, 'admin').mockImplementation(() => admin as unknown as Admin);
  jest.spyOn(Kafka.prototype, 'producer').mockImplementation(() => {
    const p = { connect: jest.fn(async () => undefined), disconnect: jest.fn(async () => undefined), sendBatch: jest.fn(async () => []) };
    producers.push(p);
    return p as unknown as Producer;
  });
  const consumerSpy = jest.spyOn(Kafka.prototype, 'consumer').mockImplementation(() => makeConsumer() as unknown as Consumer);
  return { releaseAdmin, producers, consumerSpy, consumers, admin };
}

describe('KafkaBus', () => {
  afterEach(() => jest.restoreAllMocks());

  it('should create one producer and resolve both callers connected when start is called twice at once', async () => {
    const k = fakeKafka();
    const bus = new KafkaBus({ brokers: ['127.0.0.1:1'], clientId: 'unit' });
    const both = Promise.all([bus.start(), bus.start()]);
    k.releaseAdmin();
    await both;
    expect(k.producers).toHaveLength(1);
    expect(k.producers[0].connect).toHaveBeenCalledTimes(1);
    await bus.publishRaw(Topics.articlesIngested, Buffer.from('{}'), { key: 'k' });
    expect(k.producers[0].sendBatch).toHaveBeenCalledTimes(1);
    await bus.stop();
    expect(k.producers[0].disconnect).toHaveBeenCalledTimes(1);
  });

  it('should set the rebalance timeout explicitly when it subscribes', async () => {
    const k = fakeKafka();
    const bus = new KafkaBus({ brokers: ['127.0.0.1:1'], clientId: 'unit', ensureTopics: false });
    await bus.start();
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: ConsumerGroups.classifier, handler: async () => undefined });
    expect(k.consumerSpy).toHaveBeenCalledWith(expect.objectContaining({ groupId: ConsumerGroups.classifier, rebalanceTimeout: REBALANCE_TIMEOUT_MS }));
  });

  const handler = async () => undefined;

  it('should wait with a subscription made before the broker answered and start it once connected', async () => {
    const k = fakeKafka();
    const bus = new KafkaBus({ brokers: ['127.0.0.1:1'], clientId: 'unit' });
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: ConsumerGroups.classifier, handler });
    expect(k.consumers).toHaveLength(0);
    expect(await bus.health()).toEqual({ ok: false, kind: 'kafka', detail: `producer not connected; ${ConsumerGroups.classifier} ${Topics.articlesIngested}: waiting for the broker` });
    const started = bus.start();
    k.releaseAdmin();
    await started;
    expect(k.consumers).toHaveLength(1);
    expect((await bus.health()).detail).toBe(`${ConsumerGroups.classifier} ${Topics.articlesIngested}: joining`);
    k.consumers[0].emit('consumer.group_join');
    expect(await bus.health()).toEqual({ ok: true, kind: 'kafka' });
  });

  it('should be ready again when a crashed consumer rejoined', async () => {
    const k = fakeKafka();
    k.releaseAdmin();
    const bus = new KafkaBus({ brokers: ['127.0.0.1:1'], clientId: 'unit' });
    await bus.start();
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: ConsumerGroups.classifier, handler });
    k.consumers[0].emit('consumer.group_join');
    k.consumers[0].emit('consumer.crash', { error: new Error('The coordinator is not available'), restart: true });
    expect(await bus.health()).toMatchObject({ ok: false, detail: expect.stringContaining('crashed, restarting (The coordinator is not available)') });
    // kafkajs restarts the same consumer; its next join makes the service ready again.
    k.consumers[0].emit('consumer.group_join');
    expect(await bus.health()).toEqual({ ok: true, kind: 'kafka' });
  });

  it('should start a new consumer when one crashed for good', async () => {
    const k = fakeKafka();
    k.releaseAdmin();
    const bus = new KafkaBus({ brokers: ['127.0.0.1:1'], clientId: 'unit', restartDelayMs: 1 });
    await bus.start();
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: ConsumerGroups.classifier, handler });
    k.consumers[0].emit('consumer.crash', { error: new Error('not retriable'), restart: false });
    await expectEventually(() => expect(k.consumers).toHaveLength(2));
    k.consumers[1].emit('consumer.group_join');
    expect(await bus.health()).toEqual({ ok: true, kind: 'kafka' });
    await bus.stop();
    expect(k.consumers[1].disconnect).toHaveBeenCalled();
  });

  it('should not be ready when the broker stops answering though the producer is connected', async () => {
    const k = fakeKafka();
    k.releaseAdmin();
    const bus = new KafkaBus({ brokers: ['127.0.0.1:1'], clientId: 'unit' });
    await bus.start();
    k.admin.describeCluster.mockRejectedValueOnce(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:1'));
    expect(await bus.health()).toEqual({ ok: false, kind: 'kafka', detail: 'broker unreachable: Connection error: connect ECONNREFUSED 127.0.0.1:1' });
  });
});

import { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { ConsumerGroups, Topics, TopicSpecs } from '@pharma-radar/contracts';
import { KafkaBus, REBALANCE_TIMEOUT_MS } from './kafka-bus';

/** kafkajs clients replaced by doubles that record how KafkaBus configures and calls them. */
function fakeKafka() {
  let releaseAdmin: () => void = () => undefined;
  const adminConnected = new Promise<void>((r) => (releaseAdmin = r));
  const admin = {
    connect: jest.fn(() => adminConnected),
    listTopics: jest.fn(async () => Object.values(TopicSpecs).map((s) => s.name)),
    createTopics: jest.fn(async () => true),
    disconnect: jest.fn(async () => undefined),
  };
  const producers: Array<{ connect: jest.Mock; disconnect: jest.Mock; sendBatch: jest.Mock }> = [];
  const consumer = {
    events: { CRASH: 'consumer.crash' },
    on: jest.fn(),
    connect: jest.fn(async () => undefined),
    subscribe: jest.fn(async () => undefined),
    run: jest.fn(async () => undefined),
    disconnect: jest.fn(async () => undefined),
  };
  jest.spyOn(Kafka.prototype, 'admin').mockImplementation(() => admin as unknown as Admin);
  jest.spyOn(Kafka.prototype, 'producer').mockImplementation(() => {
    const p = { connect: jest.fn(async () => undefined), disconnect: jest.fn(async () => undefined), sendBatch: jest.fn(async () => []) };
    producers.push(p);
    return p as unknown as Producer;
  });
  const consumerSpy = jest.spyOn(Kafka.prototype, 'consumer').mockImplementation(() => consumer as unknown as Consumer);
  return { releaseAdmin, producers, consumerSpy };
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
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: ConsumerGroups.classifier, handler: async () => undefined });
    expect(k.consumerSpy).toHaveBeenCalledWith(expect.objectContaining({ groupId: ConsumerGroups.classifier, rebalanceTimeout: REBALANCE_TIMEOUT_MS }));
  });
});

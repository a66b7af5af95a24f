import { Kafka, logLevel, Partitioners, type Consumer } from 'kafkajs';
import Redis from 'ioredis';
import { expectEventually } from '../expect-eventually';
import { uniquePrefix } from '../unique-prefix';
import { infraFromEnv } from './infra-env';

// jest-circus ignores a project-level testTimeout (jestjs/jest#9759), so the Kafka tests carry their own.
const KAFKA_TEST_TIMEOUT_MS = 60_000;

// Proves the global setup handed out real services, whichever way it obtained them.
describe('test infrastructure', () => {
  const infra = infraFromEnv();

  describe('Kafka', () => {
    const kafka = new Kafka({ clientId: uniquePrefix('infra-int'), brokers: infra.kafkaBrokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    const topic = uniquePrefix('infra-int-topic');
    let consumer: Consumer | undefined;

    beforeAll(async () => {
      await admin.connect();
    }, KAFKA_TEST_TIMEOUT_MS);

    afterAll(async () => {
      await consumer?.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }, KAFKA_TEST_TIMEOUT_MS);

    it('should read back through a consumer group the messages a producer sent when the topic is new', async () => {
      const created = await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      expect(created).toBe(true);
      expect(await admin.listTopics()).toContain(topic);

      const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      await producer.send({
        topic,
        messages: ['one', 'two', 'three'].map((value) => ({ key: 'k', value })),
      });
      await producer.disconnect();

      const received: string[] = [];
      // A short fetch wait keeps disconnect() from sitting out the default 5 s long poll.
      consumer = kafka.consumer({ groupId: uniquePrefix('infra-int-group'), maxWaitTimeInMs: 100 });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          received.push(message.value?.toString() ?? '');
        },
      });

      await expectEventually(() => expect(received).toEqual(['one', 'two', 'three']), { timeoutMs: 30_000, intervalMs: 100 });
    }, KAFKA_TEST_TIMEOUT_MS);

    it('should answer false when the topic to create already exists', async () => {
      const existing = uniquePrefix('infra-int-existing');
      await admin.createTopics({ topics: [{ topic: existing }], waitForLeaders: true });
      await expect(admin.createTopics({ topics: [{ topic: existing }] })).resolves.toBe(false);
      await admin.deleteTopics({ topics: [existing] });
    }, KAFKA_TEST_TIMEOUT_MS);
  });

  describe('Redis', () => {
    const redis = new Redis(infra.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    const prefix = `${uniquePrefix('infra-int')}:`;

    beforeAll(async () => {
      await redis.connect();
    });

    afterAll(async () => {
      await redis.del(`${prefix}greeting`);
      await redis.quit();
    });

    it('should get back the value it set when the key carries a unique prefix', async () => {
      await redis.set(`${prefix}greeting`, 'hello', 'EX', 60);
      expect(await redis.get(`${prefix}greeting`)).toBe('hello');
      expect(await redis.get(`${prefix}missing`)).toBeNull();
    });
  });
});

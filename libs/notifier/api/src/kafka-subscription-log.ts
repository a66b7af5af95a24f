import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, logLevel, Producer } from 'kafkajs';
import { AppError, ErrorCode, SUBSCRIPTIONS_TOPIC, SUBSCRIPTIONS_TOPIC_PARTITIONS } from '@pharma-radar/contracts';
import { getLogger } from '@pharma-radar/platform-logging';
import { kafkaLogCreator } from '@pharma-radar/platform-messaging';
import type { SubscriptionLog } from './subscription-log';

export interface KafkaSubscriptionLogOptions {
  brokers: string[];
  clientId: string;
  /** Tests use their own topic; production the contract's. */
  topic?: string;
  /** How long a start may take to read the log to its end before the service gives up (and is restarted). */
  catchUpTimeoutMs?: number;
}

// Our own end-of-log marker: a tombstone for a key nobody uses, so compaction drops it and readers skip it.
const MARKER_PREFIX = 'reader/';

/**
 * The subscriptions on a compacted Kafka topic, read whole at every start. kafkajs is used directly, not through
 * the MessageBus: the bus has no tombstones and no "read to the end, then say so", and this reader commits no
 * offsets (each start is a fresh, throw-away group that reads from the beginning).
 *
 * "Caught up" is proven, not guessed from watermarks: the reader writes a marker record and is caught up once it
 * reads it back, which also holds when compaction removed the records at the end of the log.
 */
export class KafkaSubscriptionLog implements SubscriptionLog {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly topic: string;
  private producer?: Producer;
  private consumer?: Consumer;
  private readonly log = getLogger(KafkaSubscriptionLog.name);

  constructor(private readonly opts: KafkaSubscriptionLogOptions) {
    this.topic = opts.topic ?? SUBSCRIPTIONS_TOPIC;
    this.kafka = new Kafka({
      clientId: opts.clientId,
      brokers: opts.brokers,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator,
    });
  }

  async start(onRecord: (key: string, value: string | null) => void): Promise<void> {
    await this.ensureTopic();
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    this.producer = producer;

    const marker = `${MARKER_PREFIX}${randomUUID()}`;
    let caughtUp!: () => void;
    const ready = new Promise<void>((resolve) => (caughtUp = resolve));
    // A fresh group per start, never committed: every start reads the whole topic from its beginning.
    const consumer = this.kafka.consumer({ groupId: `pharma-radar.notifier.subscriptions-reader.${randomUUID()}`, allowAutoTopicCreation: false });
    this.consumer = consumer;
    // kafkajs restarts the reader after a retriable crash; one it gives up on leaves delivery on a stale list,
    // which must at least be loud.
    consumer.on(consumer.events.CRASH, (e) => {
      this.log.error('subscriptions reader crashed', { topic: this.topic, restart: e.payload.restart, reason: e.payload.error?.message });
    });
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        const key = message.key?.toString('utf8');
        if (key === undefined) return;
        if (key.startsWith(MARKER_PREFIX)) {
          if (key === marker) caughtUp();
          return;
        }
        // A bad record is the reader's problem to report, not a reason to stop following the log.
        try {
          onRecord(key, message.value ? message.value.toString('utf8') : null);
        } catch (err) {
          this.log.error('subscription record not applied', { key, offset: message.offset, reason: (err as Error).message });
        }
      },
    });
    await this.append(marker, null);

    const timeoutMs = this.opts.catchUpTimeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError(ErrorCode.HandlerFailed, `subscriptions log ${this.topic} not read to its end within ${timeoutMs} ms`, true)), timeoutMs);
    });
    try {
      await Promise.race([ready, timeout]);
    } finally {
      clearTimeout(timer);
    }
    this.log.info('subscriptions log read', { topic: this.topic });
  }

  async append(key: string, value: string | null): Promise<void> {
    if (!this.producer) throw new AppError(ErrorCode.HandlerFailed, 'subscriptions log not started', true);
    await this.producer.send({ topic: this.topic, acks: -1, messages: [{ key, value }] });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    this.consumer = undefined;
    this.producer = undefined;
  }

  /** Idempotent: an existing topic is left as it is (its compaction was set when it was made). */
  private async ensureTopic(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      if (existing.has(this.topic)) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{
          topic: this.topic,
          numPartitions: SUBSCRIPTIONS_TOPIC_PARTITIONS,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        }],
      });
      this.log.info('topic created', { topic: this.topic });
    } finally {
      await admin.disconnect();
    }
  }
}

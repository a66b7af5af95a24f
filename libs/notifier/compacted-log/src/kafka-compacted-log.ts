import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { AppError, ErrorCode } from '@pharma-radar/contracts';
import { getLogger } from '@pharma-radar/platform-logging';
import { kafkaLogCreator } from '@pharma-radar/platform-messaging';
import type { CompactedLog, LogPosition, LogReader } from './compacted-log';

export interface KafkaCompactedLogOptions {
  brokers: string[];
  clientId: string;
  /** The wire name of the topic (tests add a suffix). */
  topic: string;
  /** Partitions when this log has to create the topic; an existing topic keeps its own. */
  partitions: number;
  /** Prefix of this reader's throw-away consumer group, e.g. `pharma-radar.notifier.ledger-reader`. */
  readerGroup: string;
  /** How long a start may take to read the log to its end before the service gives up (and is restarted). */
  catchUpTimeoutMs?: number;
}

// Our own end-of-log markers: tombstones for keys nobody uses, so compaction drops them and readers skip them.
const MARKER_PREFIX = 'reader/';
const LEADER_ATTEMPTS = 50;

/**
 * A compacted Kafka topic read whole at every start and then followed. kafkajs is used directly, not through the
 * MessageBus: the bus has no tombstones and no "read to the end, then say so", and this reader commits no offsets
 * (each start is a fresh, throw-away group that reads from the beginning).
 *
 * "Caught up" is proven, not guessed from watermarks: the reader writes a marker record to every partition and is
 * caught up once it has read each back, which also holds when compaction removed the records at the end of the log.
 */
export class KafkaCompactedLog implements CompactedLog {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer?: Producer;
  private consumer?: Consumer;
  private partitionOf?: (key: string) => number;
  /** Appends waiting for the produce request in flight; they go together in the next one. */
  private waiting: Array<{ key: string; value: string | Buffer | null; headers?: Record<string, string>; partition: number; done: (p: LogPosition) => void; fail: (e: unknown) => void }> = [];
  private flushing = false;
  private readonly log = getLogger(KafkaCompactedLog.name);

  constructor(private readonly opts: KafkaCompactedLogOptions) {
    this.kafka = new Kafka({
      clientId: opts.clientId,
      brokers: opts.brokers,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator,
    });
  }

  get topic(): string {
    return this.opts.topic;
  }

  async start(onRecord: LogReader): Promise<void> {
    try {
      await this.follow(onRecord);
    } catch (err) {
      // A start that failed half way (a broker not ready yet) is retried by the caller: leave nothing running behind.
      await this.stop();
      throw err;
    }
  }

  private async follow(onRecord: LogReader): Promise<void> {
    const partitions = await this.ensureTopic();
    const partitioner = Partitioners.DefaultPartitioner();
    const partitionMetadata = partitions.map((partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0] }));
    this.partitionOf = (key) => partitioner({ topic: this.topic, partitionMetadata, message: { key, value: null } });
    // The bus's partitioner, so a key written here and one written by the bus land on the same partition.
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    this.producer = producer;

    const markers = new Set(partitions.map((p) => `${MARKER_PREFIX}${randomUUID()}/${p}`));
    let caughtUp!: () => void;
    const ready = new Promise<void>((resolve) => (caughtUp = resolve));
    const consumer = this.kafka.consumer({ groupId: `${this.opts.readerGroup}.${randomUUID()}`, allowAutoTopicCreation: false });
    this.consumer = consumer;
    // kafkajs restarts the reader after a retriable crash; one it gives up on leaves this process on a stale
    // view, which must at least be loud.
    consumer.on(consumer.events.CRASH, (e) => {
      this.log.error('compacted log reader crashed', { topic: this.topic, restart: e.payload.restart, reason: e.payload.error?.message });
    });
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      // Records of a partition arrive in order; partitions are independent and keys never span two.
      partitionsConsumedConcurrently: partitions.length,
      eachMessage: async ({ partition, message }) => {
        const key = message.key?.toString('utf8');
        if (key === undefined) return;
        if (key.startsWith(MARKER_PREFIX)) {
          if (markers.delete(key) && markers.size === 0) caughtUp();
          return;
        }
        // A bad record is the reader's problem to report, not a reason to stop following the log.
        try {
          onRecord(key, message.value ? message.value.toString('utf8') : null, { partition, offset: Number(message.offset) });
        } catch (err) {
          this.log.error('log record not applied', { topic: this.topic, key, offset: message.offset, reason: (err as Error).message });
        }
      },
    });
    await producer.send({ topic: this.topic, acks: -1, messages: [...markers].map((key) => ({ key, value: null, partition: Number(key.slice(key.lastIndexOf('/') + 1)) })) });

    const timeoutMs = this.opts.catchUpTimeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError(ErrorCode.HandlerFailed, `log ${this.topic} not read to its end within ${timeoutMs} ms`, true)), timeoutMs);
    });
    try {
      await Promise.race([ready, timeout]);
    } finally {
      clearTimeout(timer);
    }
    this.log.info('compacted log read', { topic: this.topic, partitions: partitions.length });
  }

  /**
   * Appends made while a produce request is in flight go out together in the next one: one acknowledged round
   * trip for many records, where one request per record would serialise them (one in flight keeps the order).
   */
  append(key: string, value: string | Buffer | null, headers?: Record<string, string>): Promise<LogPosition> {
    if (!this.producer || !this.partitionOf) return Promise.reject(new AppError(ErrorCode.HandlerFailed, `log ${this.topic} not started`, true));
    const partition = this.partitionOf(key);
    return new Promise<LogPosition>((done, fail) => {
      this.waiting.push({ key, value, headers, partition, done, fail });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.waiting.length) {
        const batch = this.waiting;
        this.waiting = [];
        try {
          if (!this.producer) throw new AppError(ErrorCode.HandlerFailed, `log ${this.topic} stopped`, true);
          const meta = await this.producer.send({ topic: this.topic, acks: -1, messages: batch.map(({ key, value, headers, partition }) => ({ key, value, headers, partition })) });
          // Within a partition the records of one request take consecutive offsets, in the order sent.
          const next = new Map(meta.map((m) => [m.partition, Number(m.baseOffset ?? m.offset ?? -1)]));
          for (const a of batch) {
            const offset = next.get(a.partition) ?? -1;
            next.set(a.partition, offset + 1);
            a.done({ partition: a.partition, offset });
          }
        } catch (err) {
          for (const a of batch) a.fail(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    this.consumer = undefined;
    this.producer = undefined;
  }

  /** Idempotent: an existing topic is left as it is (its compaction is set by whoever made it). Returns its partitions. */
  private async ensureTopic(): Promise<number[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      if (!(await admin.listTopics()).includes(this.topic)) {
        await admin.createTopics({
          waitForLeaders: false,
          topics: [{ topic: this.topic, numPartitions: this.opts.partitions, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
        });
        this.log.info('topic created', { topic: this.topic });
      }
      // A topic created a moment ago (here or by another process) may not be known or led yet on every broker:
      // kafkajs's own wait gives up on "does not host this topic-partition", so wait here.
      for (let attempt = 1; ; attempt++) {
        try {
          const { topics } = await admin.fetchTopicMetadata({ topics: [this.topic] });
          const partitions = topics[0]?.partitions ?? [];
          if (partitions.length && partitions.every((p) => p.leader >= 0)) return partitions.map((p) => p.partitionId).sort((a, b) => a - b);
        } catch (err) {
          if (attempt >= LEADER_ATTEMPTS) throw err;
        }
        if (attempt >= LEADER_ATTEMPTS) throw new AppError(ErrorCode.HandlerFailed, `topic ${this.topic} has no leader for every partition`, true);
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await admin.disconnect();
    }
  }
}

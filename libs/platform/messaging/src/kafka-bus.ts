import { randomUUID } from 'node:crypto';
import { Admin, Consumer, Kafka, logLevel, LogEntry, Partitioners, Producer } from 'kafkajs';
import { Topics, TopicName, TopicPayload, TopicSpecs } from '@pharma-radar/contracts';
import { getLogger } from '@pharma-radar/platform-logging';
import { BusHealth, EventOf, MessageBus, PublishOptions, ReplayRange, ReplaySummary, Subscription } from './bus';
import { BrokerProbe, ConsumerStates, kafkaReadiness } from './bus-health';
import { createEnvelope, encodeEnvelope } from './envelope';
import { runInKeyLanes } from './key-lanes';
import { decode, decodeHeaders, Outcome, processRecord } from './processing';
import type { RawRecord } from './record';
import { SendQueue } from './send-queue';

/** kafkajs's own warnings and errors go through our logger, at their own level, so every log line has one format. */
/**
 * A handler waits mostly on round trips (Redis, the broker's acks), so one record at a time per partition left the
 * services idle while their backlog grew; records of different keys are independent by contract (keys are article
 * and announcement ids).
 */
export const DEFAULT_RECORDS_CONCURRENCY = 8;

export const kafkaLogCreator = () => {
  const kLog = getLogger('kafkajs');
  return ({ level, log }: LogEntry) => {
    const { message, ...rest } = log;
    if (level <= logLevel.ERROR) kLog.error(String(message), rest);
    else kLog.warn(String(message), rest);
  };
};

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  /** Topics this process creates at start; every service declares all so start order does not matter. */
  ensureTopics?: boolean;
  /** Test runs use their own topic names; production leaves this empty. */
  topicSuffix?: string;
  /** Test files sharing one broker join their own groups (the declared ids are fixed per service); production: empty. */
  groupIdSuffix?: string;
  onOutcome?: (o: Outcome, r: RawRecord) => void;
  retry?: Subscription<TopicName>['retry'];
  sessionTimeoutMs?: number;
  /**
   * Partitions of one subscription handled at once; records of one partition stay in order.
   * Unset or 0: as many as the topic has partitions (more would idle).
   */
  partitionsConcurrency?: number;
  /** Records of different keys handled at once within one partition (default 8); 1: the whole partition in order. */
  recordsConcurrency?: number;
  /** First wait before a failed consumer is started again; it doubles up to 30 s. */
  restartDelayMs?: number;
  /** kafkajs retries of one request (default 10, about a minute); tests of an unreachable broker lower it. */
  clientRetries?: number;
  /** How often kafkajs retries inside a consumer before it crashes (tests make crashes quick). */
  consumerRetries?: number;
}

interface Member {
  name: string;
  sub: Subscription<TopicName>;
  consumer?: Consumer;
  failures: number;
  timer?: NodeJS.Timeout;
}

const HEARTBEAT_INTERVAL_MS = 3_000;
/**
 * How long the group waits for every member to rejoin once a rebalance began. A member rejoins only
 * after its in-flight record: processRecord stops retrying at the next attempt, but one attempt
 * cannot be cut short. A member still inside a record past this is evicted and its record handled
 * twice, so a handler attempt must stay well under it (slow work is handed off, not done in the
 * consume loop). Longer would let a slower record finish but stall every partition of the group
 * that long on each rebalance. kafkajs's default, set here so it is a decision and not an accident.
 */
export const REBALANCE_TIMEOUT_MS = 60_000;

export class KafkaBus implements MessageBus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer?: Producer;
  private starting?: Promise<void>;
  private sends?: SendQueue;
  private readonly members: Member[] = [];
  private readonly states = new ConsumerStates();
  private consuming = true;
  private connected = false;
  private probeAdmin?: Admin;
  private readonly brokerProbe = new BrokerProbe(() => this.describeCluster(), { timeoutMs: 2_000, maxAgeMs: 1_000 });
  private readonly log = getLogger('KafkaBus');

  constructor(private readonly opts: KafkaBusOptions) {
    this.kafka = new Kafka({
      clientId: opts.clientId,
      brokers: opts.brokers,
      retry: { retries: opts.clientRetries ?? 10, initialRetryTime: 300, maxRetryTime: 10_000 },
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator,
    });
  }

  /** Topic name on the wire: the contract name, plus a suffix only in isolated test runs. */
  wireTopic(topic: string): string {
    return topic + (this.opts.topicSuffix ?? '');
  }

  private logicalTopic(wire: string): string {
    const suffix = this.opts.topicSuffix ?? '';
    return suffix && wire.endsWith(suffix) ? wire.slice(0, -suffix.length) : wire;
  }

  /**
   * Idempotent, also when calls overlap (a caller and MessagingModule both start it): every caller
   * awaits the one start, so there is one producer and none resolves before it is connected.
   */
  start(): Promise<void> {
    this.starting ??= this.connect().catch((err: unknown) => {
      this.starting = undefined;
      throw err;
    });
    return this.starting;
  }

  private async connect(): Promise<void> {
    if (this.opts.ensureTopics !== false) await this.ensureTopics();
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    this.producer = producer;
    this.sends = new SendQueue((topicMessages) => producer.sendBatch({ acks: -1, topicMessages }));
    this.connected = true;
    // Subscriptions made while no broker answered start now (MessagingModule retries start in the background).
    for (const m of this.members) if (!m.consumer && !m.timer) void this.launch(m);
  }

  /** Idempotent: createTopics answers false for topics that exist, and that is fine. */
  async ensureTopics(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = Object.values(TopicSpecs).filter((s) => !existing.has(this.wireTopic(s.name)));
      if (missing.length) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((s) => ({
            topic: this.wireTopic(s.name),
            numPartitions: s.partitions,
            configEntries: [{ name: 'retention.ms', value: String(s.retentionMs) }],
          })),
        });
        this.log.info('topics created', { topics: missing.map((s) => this.wireTopic(s.name)) });
      }
    } finally {
      await admin.disconnect();
    }
  }

  async publish<T extends TopicName>(topic: T, payload: TopicPayload[T], opts: PublishOptions): Promise<void> {
    const envelope = createEnvelope(topic, payload, opts);
    const { value, headers } = encodeEnvelope(envelope);
    await this.publishRaw(topic, value, { key: opts.key, headers });
  }

  async publishRaw(topic: string, value: Buffer | null, opts: { key?: string; headers?: Record<string, string> }): Promise<void> {
    if (!this.sends) throw new Error('KafkaBus not started');
    await this.sends.send(this.wireTopic(topic), { key: opts.key ?? null, value, headers: opts.headers });
  }

  /**
   * Starts a consumer for the subscription. It never fails for want of a broker: before the bus is
   * connected the subscription waits, and a consumer that cannot start or crashes for good is started
   * again with backoff; readiness reports each state meanwhile, so the process stays up (live) and
   * comes back by itself instead of exiting into a crash loop.
   */
  async subscribe<T extends TopicName>(sub: Subscription<T>): Promise<void> {
    const member: Member = { name: `${sub.groupId} ${sub.topic}`, sub: sub as unknown as Subscription<TopicName>, failures: 0 };
    this.members.push(member);
    this.consuming = true;
    if (this.connected) await this.launch(member);
    else this.states.set(member.name, 'waiting for the broker');
  }

  private async launch(m: Member): Promise<void> {
    m.timer = undefined;
    if (!this.consuming || !this.members.includes(m)) return;
    this.states.set(m.name, 'joining');
    const consumer = this.createConsumer(m);
    m.consumer = consumer;
    try {
      await consumer.connect();
      // A new group reads from the start so nothing published before it first joined is missed.
      await consumer.subscribe({ topic: this.wireTopic(m.sub.topic), fromBeginning: true });
      await this.run(consumer, m.sub);
    } catch (err) {
      this.log.error('consumer did not start', { groupId: m.sub.groupId, topic: m.sub.topic, err });
      this.states.set(m.name, 'failed, retrying', errorText(err));
      await consumer.disconnect().catch(() => undefined);
      this.relaunchLater(m);
    }
  }

  private createConsumer(m: Member): Consumer {
    const sub = m.sub;
    // The group id is used verbatim: no transport suffix, so offsets survive refactors (nest#3029).
    const consumer = this.kafka.consumer({
      groupId: sub.groupId + (this.opts.groupIdSuffix ?? ''),
      sessionTimeout: this.opts.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: HEARTBEAT_INTERVAL_MS,
      rebalanceTimeout: REBALANCE_TIMEOUT_MS,
      allowAutoTopicCreation: false,
      ...(this.opts.consumerRetries === undefined ? {} : { retry: { retries: this.opts.consumerRetries, initialRetryTime: 100 } }),
    });
    // Readiness follows the consumer's latest event, so a consumer that crashed and rejoined is ready again.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (m.consumer !== consumer) return;
      m.failures = 0;
      this.states.set(m.name, 'joined');
    });
    consumer.on(consumer.events.CRASH, (e) => {
      if (m.consumer !== consumer) return;
      const detail = errorText(e.payload.error);
      this.log.error('consumer crashed', { groupId: sub.groupId, err: e.payload.error, restart: e.payload.restart });
      this.states.set(m.name, e.payload.restart ? 'crashed, restarting' : 'failed, retrying', detail);
      // kafkajs restarts after retriable errors only; after any other it stays down, so we start a new one.
      if (!e.payload.restart) this.relaunchLater(m);
    });
    return consumer;
  }

  private relaunchLater(m: Member): void {
    if (!this.consuming || m.timer) return;
    const delay = Math.min(30_000, (this.opts.restartDelayMs ?? 1_000) * 2 ** Math.min(m.failures, 10));
    m.failures++;
    m.consumer = undefined;
    m.timer = setTimeout(() => void this.launch(m), delay);
    m.timer.unref?.();
  }

  private async run(consumer: Consumer, sub: Subscription<TopicName>): Promise<void> {
    await consumer.run({
      // Partitions run side by side, and within one partition up to recordsConcurrency keys at once (records of one
      // key in order: see runInKeyLanes). Each record still goes validate → retry → dead-letter on its own; the
      // commit point moves only over records handled, in offset order. kafkajs fetches again only when every
      // partition of the last fetch is done, so a slow record holds its batch back, though never forever.
      partitionsConsumedConcurrently: this.concurrencyFor(sub.topic),
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
        await runInKeyLanes(batch.messages, {
          concurrency: this.opts.recordsConcurrency ?? DEFAULT_RECORDS_CONCURRENCY,
          keyOf: (message) => (message.key ? message.key.toString('utf8') : null),
          stopped: () => !isRunning() || isStale(),
          settled: (message) => resolveOffset(message.offset),
          handle: async (message) => {
            await whileHeartbeating(heartbeat, () => processRecord(
              {
                topic: this.logicalTopic(batch.topic),
                partition: batch.partition,
                offset: message.offset,
                key: message.key ? message.key.toString('utf8') : null,
                value: message.value,
                headers: decodeHeaders(message.headers as Record<string, unknown>),
              },
              sub.handler,
              {
                groupId: sub.groupId,
                retry: sub.retry ?? this.opts.retry,
                heartbeat,
                deadLetter: (dl, key) => this.publish(Topics.deadLetters, dl, { key }),
                isTooLarge: isTooLargeError,
                onOutcome: this.opts.onOutcome,
              },
            ));
          },
        });
        await commitOffsetsIfNecessary();
      },
    });
  }

  private concurrencyFor(topic: TopicName): number {
    return this.opts.partitionsConcurrency || TopicSpecs[topic]?.partitions || 1;
  }

  /** Stops every consumer: in-flight records finish and commit, the groups are left; publishing still works. */
  async stopConsuming(): Promise<void> {
    this.consuming = false;
    const members = this.members.splice(0);
    for (const m of members) {
      clearTimeout(m.timer);
      this.states.remove(m.name);
    }
    await Promise.allSettled(members.map((m) => m.consumer?.disconnect()));
  }

  /** Consumer lag per topic for this group: end offsets minus committed offsets, summed over partitions. */
  async groupLag(groupId: string, topic: TopicName): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const wire = this.wireTopic(topic);
      const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(wire), admin.fetchOffsets({ groupId, topics: [wire] })]);
      const committedBy = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
      return ends.reduce((sum, p) => {
        const c = committedBy.get(p.partition) ?? -1;
        return sum + Math.max(0, Number(p.high) - (c < 0 ? Number(p.low) : c));
      }, 0);
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * A throw-away consumer group seeks every partition to the first offset at `from` and reads up to
   * the end offsets seen at the start, so a replay terminates even while producers keep writing.
   * The group is deleted afterwards; no production group's offsets move.
   */
  async replay<T extends TopicName>(topic: T, range: ReplayRange, handler: (event: EventOf<T>) => Promise<void> | void): Promise<ReplaySummary> {
    const wire = this.wireTopic(topic);
    const admin = this.kafka.admin();
    await admin.connect();
    const summary = { read: 0, invalid: 0 };
    const groupId = `pharma-radar.replay.${randomUUID()}`;
    try {
      const ends = await admin.fetchTopicOffsets(wire);
      const starts = range.from ? await admin.fetchTopicOffsetsByTimestamp(wire, range.from.getTime()) : ends.map((p) => ({ partition: p.partition, offset: p.low }));
      const remaining = new Map<number, bigint>();
      // A timestamp after the last record answers -1: nothing to read on that partition.
      const highBy = new Map(ends.map((p) => [p.partition, BigInt(p.high)]));
      const startBy = new Map(starts.map((p) => [p.partition, BigInt(p.offset) < 0n ? (highBy.get(p.partition) ?? 0n) : BigInt(p.offset)]));
      for (const p of ends) if (BigInt(p.high) > (startBy.get(p.partition) ?? 0n)) remaining.set(p.partition, BigInt(p.high));
      if (!remaining.size) return summary;

      const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false });
      await consumer.connect();
      await consumer.subscribe({ topic: wire, fromBeginning: true });
      let finish: () => void = () => undefined;
      const done = new Promise<void>((r) => (finish = r));
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const end = remaining.get(partition);
          if (end === undefined) return;
          const decoded = decode<T>({ topic, partition, offset: message.offset, key: null, value: message.value, headers: {} });
          if (!decoded.ok) summary.invalid++;
          else if (!range.to || Date.parse(decoded.event.occurredAt) <= range.to.getTime()) {
            summary.read++;
            await handler(decoded.event);
          }
          if (BigInt(message.offset) + 1n >= end) {
            remaining.delete(partition);
            if (!remaining.size) finish();
          }
        },
      });
      for (const [partition, offset] of startBy) if (remaining.has(partition)) consumer.seek({ topic: wire, partition, offset: offset.toString() });
      await done;
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
      return summary;
    } finally {
      await admin.disconnect();
    }
  }

  /** Asked on every readiness probe: the producer, a live answer from a broker, and each consumer's state. */
  async health(): Promise<BusHealth> {
    // Before the first connection there is nothing to probe: "producer not connected" says it all.
    const broker = this.connected ? await this.brokerProbe.probe() : { ok: true };
    return { kind: 'kafka', ...kafkaReadiness({ connected: this.connected, broker, members: this.states.problems() }) };
  }

  /** A metadata request with no retries of its own: the probe answers now, the probe's caller decides again later. */
  private async describeCluster(): Promise<void> {
    if (!this.probeAdmin) {
      const admin = this.kafka.admin({ retry: { retries: 0 } });
      await admin.connect();
      this.probeAdmin = admin;
    }
    await this.probeAdmin.describeCluster();
  }

  async stop(): Promise<void> {
    // A start still under way would connect a producer after this stop and leak it.
    await this.starting?.catch(() => undefined);
    this.starting = undefined;
    await this.stopConsuming();
    this.connected = false;
    const producer = this.producer;
    this.producer = undefined;
    this.sends = undefined;
    const admin = this.probeAdmin;
    this.probeAdmin = undefined;
    await Promise.all([producer?.disconnect().catch(() => undefined), admin?.disconnect().catch(() => undefined)]);
  }
}

/**
 * Heartbeats on a timer while one record is handled, so a slow handler (or its retry backoff) does
 * not outlast the session timeout and trigger a rebalance. kafkajs sends one only when the interval
 * has passed. A failure here is ignored: a failed heartbeat does not count as sent, so the heartbeat
 * processRecord makes before its next retry asks again and throws if a rebalance is under way, and
 * kafkajs rejoins after the record. Until then the rebalance waits (see REBALANCE_TIMEOUT_MS).
 */
async function whileHeartbeating<R>(heartbeat: () => Promise<void>, work: () => Promise<R>): Promise<R> {
  // Ticks faster than the interval so the gap between two heartbeats stays close to it.
  const timer = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_INTERVAL_MS / 3);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 300);
}

const SIZE_ERRORS = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);

/** kafkajs wraps the broker's answer (KafkaJSNonRetriableError around a protocol error): look through the causes. */
export function isTooLargeError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (SIZE_ERRORS.has(String((e as { type?: unknown }).type))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

import type { ConsumerGroupId, Envelope, TopicName, TopicPayload } from '@pharma-radar/contracts';

export interface PublishOptions {
  /** Partition key: see TopicSpecs[topic].keyDoc for what each topic keys on. */
  key: string;
  correlationId?: string;
  /** Envelope id; set it when the same logical event may be published twice (idempotent consumers). */
  id?: string;
}

export interface RecordContext {
  topic: string;
  partition: number | null;
  offset: string | null;
  key: string | null;
  headers: Record<string, string>;
  attempt: number;
}

export type EventOf<T extends TopicName> = Envelope<string, TopicPayload[T]>;
export type Handler<T extends TopicName> = (event: EventOf<T>, ctx: RecordContext) => Promise<void>;

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 };

export interface Subscription<T extends TopicName> {
  topic: T;
  groupId: ConsumerGroupId;
  handler: Handler<T>;
  retry?: Partial<RetryPolicy>;
}

export interface ReplayRange {
  from?: Date;
  to?: Date;
}

export interface ReplaySummary {
  read: number;
  invalid: number;
}

export interface BusHealth {
  ok: boolean;
  kind: 'kafka' | 'memory';
  detail?: string;
}

/**
 * The only messaging API services see. Kafka (kafkajs) and the embedded in-memory bus both sit
 * behind it, so the client library can be replaced in one place (kafkajs is in maintenance mode).
 */
export interface MessageBus {
  readonly kind: 'kafka' | 'memory';
  start(): Promise<void>;
  publish<T extends TopicName>(topic: T, payload: TopicPayload[T], opts: PublishOptions): Promise<void>;
  subscribe<T extends TopicName>(sub: Subscription<T>): Promise<void>;
  /** Publishes raw bytes, bypassing the envelope: tests and replay tools only. */
  publishRaw(topic: string, value: Buffer | null, opts: { key?: string; headers?: Record<string, string> }): Promise<void>;
  /**
   * Reads a topic's stored records published in [from, to] once, outside any consumer group's
   * committed position (backtests, audits). Records that fail validation are counted, not handled.
   */
  replay<T extends TopicName>(topic: T, range: ReplayRange, handler: (event: EventOf<T>) => Promise<void> | void): Promise<ReplaySummary>;
  /** What is true now (readiness asks on every probe), not what was true at some point. */
  health(): Promise<BusHealth>;
  /**
   * Stops handing out records: in-flight handlers finish and commit, then consumers leave their
   * groups. Publishing still works. Called before the other adapters (the store) shut down, so no
   * handler meets a closed connection and dead-letters a good record on the way out.
   */
  stopConsuming(): Promise<void>;
  stop(): Promise<void>;
}

export const MESSAGE_BUS = Symbol('MESSAGE_BUS');

import { Topics, TopicSpecs } from '@pharma-radar/contracts';
import type { CompactedLog, MemoryCompactedLog } from '@pharma-radar/notifier-compacted-log';
import type { ChannelProvider } from '@pharma-radar/notifier-channels';
import { gauge } from '@pharma-radar/platform-health';
import { getLogger } from '@pharma-radar/platform-logging';
import { KafkaBus, type MessageBus } from '@pharma-radar/platform-messaging';
import { BullJobQueue } from './bullmq-job-queue';
import { ChannelStatus } from './channel-status';
import { deliverySettings, type NotifierConfig } from './config';
import { MemoryDeliveryClaims, RedisDeliveryClaims, type DeliveryClaims } from './delivery-claims';
import { DeliveryLedger } from './delivery-ledger';
import { DeliveryPlanner } from './delivery-planner';
import { DeliveryWorker } from './delivery-worker';
import { ensureCompacted } from './ensure-compaction';
import { MemoryJobQueue, type JobQueue } from './job-queue';
import { MemoryPacer, RedisPacer, type Pacer } from './pacer';
import { DEFAULT_DELIVERY_RETRY } from './retry-policy';
import type { SubscriberSource } from './subscriber-source';
import { stateLog } from './topic-log';

const RECONCILE_MS = 60_000;
const queueDepth = gauge('pharma_radar_notifier_queue_depth', 'Delivery jobs by state (waiting, delayed, active)', ['state']);

async function settled<T>(work: () => Promise<T>, log: ReturnType<typeof getLogger>, attempts = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (err) {
      if (i >= attempts || (err as { retriable?: boolean }).retriable !== true) throw err;
      log.warn('reading a ledger topic failed, retrying', { attempt: i, err });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export interface NotifierState {
  queue: JobQueue;
  pacer: Pacer;
  claims: DeliveryClaims;
  /** The compacted ledger and ops-event topics as logs this notifier follows. */
  ledgerLog: CompactedLog;
  opsLog: CompactedLog;
}

/** Queue, pacer and claims on Redis when configured, else in memory; the state topics as followed logs. */
export function createState(config: NotifierConfig, bus: MessageBus): NotifierState {
  const delivery = deliverySettings(config);
  const memory = new Map<string, MemoryCompactedLog>();
  const kafka = config.kafkaBrokers ? { brokers: config.kafkaBrokers, clientId: 'pharma-radar-notifier' } : null;
  const logs = { ledgerLog: stateLog(bus, Topics.deliveries, kafka, memory), opsLog: stateLog(bus, Topics.opsEvents, kafka, memory) };
  if (!config.redis) return { queue: new MemoryJobQueue({ concurrency: delivery.concurrency }), pacer: new MemoryPacer(), claims: new MemoryDeliveryClaims(), ...logs };
  return {
    ...logs,
    claims: new RedisDeliveryClaims(config.redis.url, config.redis.keyPrefix),
    queue: new BullJobQueue({
      redisUrl: config.redis.url,
      prefix: `${config.redis.keyPrefix}bull`,
      concurrency: delivery.concurrency,
      stalledIntervalMs: delivery.stalledIntervalMs,
      keepCompletedSeconds: 7 * 86_400,
    }),
    pacer: new RedisPacer(config.redis.url, config.redis.keyPrefix),
  };
}

/**
 * The notifier's moving parts in start order: ledger topics compacted, disabled channels and the
 * ledger read back, pending deliveries queued again, then workers. The flag consumer subscribes
 * only after this (Nest's init precedes the transport), so it never decides on a half-read ledger.
 */
export class Notifier {
  readonly ledger: DeliveryLedger;
  readonly status: ChannelStatus;
  readonly planner: DeliveryPlanner;
  readonly worker: DeliveryWorker;
  readonly queue: JobQueue;
  private readonly log = getLogger('Notifier');
  private depthTimer?: NodeJS.Timeout;
  private reconcileTimer?: NodeJS.Timeout;
  private sweepTimer?: NodeJS.Timeout;

  constructor(
    private readonly config: NotifierConfig,
    subscribers: SubscriberSource,
    private readonly providers: readonly ChannelProvider[],
    private readonly bus: MessageBus,
    private readonly state: NotifierState,
  ) {
    this.queue = state.queue;
    this.ledger = new DeliveryLedger(state.ledgerLog);
    this.status = new ChannelStatus(state.opsLog);
    const delivery = deliverySettings(config);
    this.planner = new DeliveryPlanner(subscribers, this.ledger, this.status, state.queue, state.claims, delivery.ledgerRetentionMs);
    this.worker = new DeliveryWorker(subscribers, providers, this.ledger, this.status, state.pacer, bus, state.claims, {
      retry: { ...DEFAULT_DELIVERY_RETRY, windowMs: delivery.retryWindowMs, baseDelayMs: delivery.retryBaseMs },
      slackIntervalMs: delivery.slackIntervalMs,
    });
  }

  async start(): Promise<void> {
    await this.bus.start();
    if (this.config.kafkaBrokers && this.bus instanceof KafkaBus) {
      const bus = this.bus;
      const compacted = Object.values(TopicSpecs).filter((s) => s.cleanupPolicy === 'compact').map((s) => bus.wireTopic(s.name));
      await ensureCompacted(this.config.kafkaBrokers, compacted);
    }
    // A topic created a moment ago may not have a leader everywhere yet; that passes within seconds.
    await Promise.all([settled(() => this.status.start(), this.log), settled(() => this.ledger.start(), this.log)]);
    const queued = await this.requeuePending();
    if (queued) this.log.info('pending deliveries queued again', { jobs: queued });
    await this.queue.start(this.worker.handle);
    this.depthTimer = setInterval(() => void this.sampleDepth(), 5_000);
    this.depthTimer.unref();
    // Redis emptied under a running notifier would otherwise strand its pending deliveries until the
    // next start; adding a job that is still queued is a no-op, so this costs one call per pending delivery.
    this.reconcileTimer = setInterval(() => void this.requeuePending().catch((err: unknown) => this.log.warn('re-queueing pending deliveries failed', { err })), RECONCILE_MS);
    this.reconcileTimer.unref();
    const { ledgerRetentionMs, sweepIntervalMs } = deliverySettings(this.config);
    this.sweepTimer = setInterval(() => void this.sweep(ledgerRetentionMs), sweepIntervalMs);
    this.sweepTimer.unref();
  }

  /** Tombstones finished deliveries settled longer than the retention ago (every replica may; the log keeps one). */
  async sweep(retentionMs: number): Promise<number> {
    try {
      return await this.ledger.sweep(Date.now() - retentionMs);
    } catch (err) {
      this.log.warn('tombstoning old deliveries failed; the next sweep tries again', { err });
      return 0;
    }
  }

  /** Queues a job for every pending ledger record; returns how many jobs were offered. */
  async requeuePending(): Promise<number> {
    const jobs = DeliveryPlanner.jobsFor(this.ledger.inState('pending'));
    for (const p of jobs) await this.queue.add(p.job, p.add);
    return jobs.length;
  }

  /** Workers finish the sends in hand (their outcomes reach the ledger); the queue still takes jobs from the consumer. */
  async stopWorkers(): Promise<void> {
    clearInterval(this.depthTimer);
    clearInterval(this.reconcileTimer);
    clearInterval(this.sweepTimer);
    await this.queue.stopWorkers();
  }

  /** After the consumer has stopped: nothing adds jobs any more. */
  async close(): Promise<void> {
    await this.queue.close();
    await this.state.pacer.close();
    await this.state.claims.close();
    await this.ledger.stop();
    await this.status.stop();
    for (const p of this.providers) (p as { close?: () => void }).close?.();
  }

  private async sampleDepth(): Promise<void> {
    try {
      const d = await this.queue.depth();
      for (const [state, n] of Object.entries(d)) queueDepth.set({ state }, n);
    } catch {
      // A metrics sample is not worth a log line per 5 s while Redis is down; health shows it.
    }
  }
}

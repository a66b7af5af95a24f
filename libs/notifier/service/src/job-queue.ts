import type { CollaborationFlaggedV1 } from '@pharma-radar/contracts';
import type { Channel } from '@pharma-radar/notifier-subscriptions';
import { getLogger } from '@pharma-radar/platform-logging';

/** Progress a job carries between its runs; kept in the job, not in the worker. */
interface Progress {
  /** Send attempts made so far (pacing and quiet-hour waits are not attempts). */
  attempts: number;
  /** Epoch ms of the first attempt: the retry window counts from here. */
  firstAttemptAt?: number;
  /** A Slack slot this job already holds (epoch ms); run then without reserving another. */
  slotAt?: number;
  /** Queued by a replay: deliveries this worker still knows as dead are reopened, not skipped. */
  redrive?: boolean;
}

/** One alert to one subscriber channel; carries the flag so any worker can send it. */
export type AlertJob = Progress & { kind: 'alert'; key: string; subscriberId: string; channel: Channel; flag: CollaborationFlaggedV1 };
/** One digest message; its items are the ledger's pending items of the period. */
export type DigestJob = Progress & { kind: 'digest'; key: string; subscriberId: string; channel: Channel; periodKey: string; period: 'hourly' | 'daily' };
export type DeliveryJob = AlertJob | DigestJob;

export type JobOutcome = { kind: 'done' } | { kind: 'later'; at: number; job: DeliveryJob };
export type JobHandler = (job: DeliveryJob) => Promise<JobOutcome>;

export interface AddOptions {
  /** Adding a job whose id is already waiting, delayed or running is a no-op. */
  jobId: string;
  /** Epoch ms before which it must not run. */
  at: number;
  /** Keep the id after completion (alerts: duplicates stay no-ops); digests drop it so late items get a new job. */
  keepCompleted: boolean;
}

export interface QueueDepth {
  waiting: number;
  delayed: number;
  active: number;
}

/**
 * The delivery queue: BullMQ on Redis in deployments, in memory in the all-in-one process. A job
 * runs off the Kafka consume path; `later` puts it back to wait until a given time (retry,
 * Retry-After, Slack pacing, quiet hours) without holding a worker.
 */
export interface JobQueue {
  readonly kind: 'bullmq' | 'memory';
  add(job: DeliveryJob, opts: AddOptions): Promise<void>;
  /** Starts the workers; call once. */
  start(handler: JobHandler): Promise<void>;
  depth(): Promise<QueueDepth>;
  /** Stops taking jobs and waits for the ones running; adding still works (the consumer may still be handing over). */
  stopWorkers(): Promise<void>;
  /** Closes connections; after stopWorkers. */
  close(): Promise<void>;
}


interface MemoryEntry {
  job: DeliveryJob;
  at: number;
  timer?: NodeJS.Timeout;
  running: boolean;
}

/** The embedded queue: timers in this process; lost with it, which the ledger rebuild covers. */
export class MemoryJobQueue implements JobQueue {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, MemoryEntry>();
  private readonly completed = new Map<string, number>();
  private readonly ready: string[] = [];
  private handler?: JobHandler;
  private running = 0;
  private closed = false;
  private readonly idle = new Set<() => void>();
  private readonly log = getLogger('MemoryJobQueue');

  constructor(private readonly opts: { concurrency: number; keepCompletedMs?: number; now?: () => number } = { concurrency: 4 }) {}

  async add(job: DeliveryJob, opts: AddOptions): Promise<void> {
    if (this.closed || this.entries.has(opts.jobId)) return;
    const doneAt = this.completed.get(opts.jobId);
    if (doneAt !== undefined && this.now() - doneAt < (this.opts.keepCompletedMs ?? 86_400_000)) return;
    this.completed.delete(opts.jobId);
    const entry: MemoryEntry = { job, at: opts.at, running: false };
    this.entries.set(opts.jobId, entry);
    this.schedule(opts.jobId, entry, opts.keepCompleted);
  }

  async start(handler: JobHandler): Promise<void> {
    this.handler = handler;
    this.pump();
  }

  async depth(): Promise<QueueDepth> {
    let delayed = 0;
    for (const e of this.entries.values()) if (!e.running && e.at > this.now()) delayed++;
    return { waiting: this.ready.length, delayed, active: this.running };
  }

  async stopWorkers(): Promise<void> {
    this.handler = undefined;
    while (this.running > 0) await new Promise<void>((r) => { this.idle.add(r); });
  }

  async close(): Promise<void> {
    await this.stopWorkers();
    this.closed = true;
    for (const e of this.entries.values()) clearTimeout(e.timer);
  }

  private readonly keep = new Map<string, boolean>();

  private schedule(id: string, entry: MemoryEntry, keepCompleted: boolean) {
    this.keep.set(id, keepCompleted);
    clearTimeout(entry.timer);
    const delay = Math.max(0, entry.at - this.now());
    entry.timer = setTimeout(() => {
      this.ready.push(id);
      this.pump();
    }, delay);
    entry.timer.unref?.();
  }

  private pump() {
    while (this.handler && !this.closed && this.running < this.opts.concurrency && this.ready.length) {
      const id = this.ready.shift() as string;
      const entry = this.entries.get(id);
      if (!entry) continue;
      entry.running = true;
      this.running++;
      void this.run(id, entry).finally(() => {
        this.running--;
        for (const f of [...this.idle]) { this.idle.delete(f); f(); }
        this.pump();
      });
    }
  }

  private async run(id: string, entry: MemoryEntry) {
    let outcome: JobOutcome;
    try {
      outcome = await (this.handler as JobHandler)(entry.job);
    } catch (err) {
      // An unexpected failure (a ledger write that did not go through): try again shortly.
      this.log.warn('delivery job failed, retrying', { jobId: id, err });
      outcome = { kind: 'later', at: this.now() + 1_000, job: entry.job };
    }
    entry.running = false;
    if (outcome.kind === 'later') {
      entry.job = outcome.job;
      entry.at = outcome.at;
      this.schedule(id, entry, this.keep.get(id) ?? true);
      return;
    }
    this.entries.delete(id);
    if (this.keep.get(id)) this.completed.set(id, this.now());
    this.keep.delete(id);
  }

  private now() {
    return (this.opts.now ?? Date.now)();
  }
}

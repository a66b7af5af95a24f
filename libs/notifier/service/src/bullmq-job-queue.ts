import { DelayedError, Job, Queue, Worker, type ConnectionOptions } from 'bullmq';
import { getLogger } from '@pharma-radar/platform-logging';
import type { AddOptions, DeliveryJob, JobHandler, JobQueue, QueueDepth } from './job-queue';

/*
 * WARNING: the queue name and the key prefix locate every waiting delivery in Redis. Renaming either
 * strands the jobs under the old name (the ledger rebuild at the next start would re-enqueue them,
 * but only after a restart). Treat a rename as a migration.
 */
export const DELIVERY_QUEUE_NAME = 'notifier-deliveries';

export interface BullQueueOptions {
  redisUrl: string;
  /** Redis key prefix of the queue (REDIS_KEY_PREFIX + 'bull'); tests isolate themselves with their own. */
  prefix: string;
  concurrency: number;
  /** How often a worker looks for jobs whose holder died (kill -9); such jobs run again. */
  stalledIntervalMs: number;
  /** How long a completed alert id is kept, so adding it again is a no-op. */
  keepCompletedSeconds: number;
}

/** BullMQ forbids ':' in custom ids; our keys use it as a separator between encoded parts. */
function bullJobId(jobId: string): string {
  return jobId.replaceAll(':', '/');
}

function connectionOf(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  const db = Number(url.pathname.replace('/', '') || 0);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    db,
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ workers block on Redis; failing a command after N retries would stop them instead.
    maxRetriesPerRequest: null,
  };
}

export class BullJobQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly queue: Queue<DeliveryJob>;
  private worker?: Worker<DeliveryJob>;
  private readonly log = getLogger('BullJobQueue');

  constructor(private readonly opts: BullQueueOptions) {
    this.queue = new Queue<DeliveryJob>(DELIVERY_QUEUE_NAME, { connection: connectionOf(opts.redisUrl), prefix: opts.prefix });
    this.queue.on('error', (err) => this.log.warn('queue error', { err }));
  }

  async add(job: DeliveryJob, opts: AddOptions): Promise<void> {
    await this.queue.add(job.kind, job, {
      jobId: bullJobId(opts.jobId),
      delay: Math.max(0, opts.at - Date.now()),
      // Attempts here only cover unexpected throws (a ledger write that failed); delivery outcomes
      // are retried by the worker's own policy through `later`, which is not an attempt.
      attempts: 10,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: opts.keepCompleted ? { age: this.opts.keepCompletedSeconds } : true,
      // A job that failed for good is removed so the ledger rebuild at the next start can add it again.
      removeOnFail: true,
    });
  }

  async start(handler: JobHandler): Promise<void> {
    const worker = new Worker<DeliveryJob>(
      DELIVERY_QUEUE_NAME,
      async (job: Job<DeliveryJob>, token?: string) => {
        const outcome = await handler(job.data);
        if (outcome.kind === 'done') return;
        await job.updateData(outcome.job);
        await job.moveToDelayed(outcome.at, token);
        // Tells BullMQ the job was moved, not finished.
        throw new DelayedError();
      },
      {
        connection: connectionOf(this.opts.redisUrl),
        prefix: this.opts.prefix,
        concurrency: this.opts.concurrency,
        stalledInterval: this.opts.stalledIntervalMs,
        // A send cut by a crash is run again rather than failed: only sends in flight at a kill may repeat.
        maxStalledCount: 10,
        autorun: false,
      },
    );
    worker.on('error', (err) => this.log.warn('worker error', { err }));
    worker.on('failed', (job, err) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) this.log.error('delivery job failed for good; the ledger keeps it pending', { jobId: job.id, err });
    });
    this.worker = worker;
    void worker.run().catch((err: unknown) => this.log.error('worker stopped', { err }));
    await worker.waitUntilReady();
  }

  async depth(): Promise<QueueDepth> {
    const c = await this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), delayed: c.delayed ?? 0, active: c.active ?? 0 };
  }

  async stopWorkers(): Promise<void> {
    // Waits for the jobs in hand; their outcomes reach the ledger before the producer stops.
    await this.worker?.close();
  }

  async close(): Promise<void> {
    await this.stopWorkers();
    await this.queue.close();
  }
}

import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { AppError, Classification, ErrorCode } from '@pharma-radar/contracts';
import { classify } from '@pharma-radar/classifier-collaboration';
import { counter } from '@pharma-radar/platform-health';
import { getLogger } from '@pharma-radar/platform-logging';
import { WorkerPool, WorkerTaskError, workerScript } from '@pharma-radar/platform-worker-pool';
import { classifyEach, type ClassifyInput, type ClassifyOutcome } from './classify-batch';
import type { ClassifierConfig } from './config';

export type { ClassifyInput } from './classify-batch';
export const CLASSIFIER_CONFIG = Symbol('CLASSIFIER_CONFIG');

/**
 * Articles per worker task, at most. Records waiting while every worker is busy go together in the next task: their
 * handlers then resume in one turn of the event loop, so their Kafka and Redis writes share requests as they did
 * when classify() ran in the loop (one article per task cost about three times the broker's CPU per article).
 */
const MAX_BATCH = 16;

const workerFailures = counter('pharma_radar_classifier_worker_failures_total', 'Classifications that failed in a worker thread, by reason', ['reason']);

/**
 * A classification that failed: classify() threw on the article, or the worker thread classifying it died (it is
 * replaced). Retryable, as any handler error: retried with backoff, then dead-lettered.
 */
export class ClassificationError extends AppError {
  constructor(
    readonly reason: 'threw' | 'died',
    message: string,
  ) {
    super(ErrorCode.HandlerFailed, `classification failed (${reason === 'died' ? 'its worker thread died' : 'classify() threw'}): ${message}`, true);
  }
}

interface Waiting {
  input: ClassifyInput;
  resolve(c: Classification): void;
  reject(err: Error): void;
}

/**
 * classify() off the event loop: a pool of worker threads (config.workers; none configured, 0, or no worker script:
 * in this thread). The event loop then only moves records between Kafka and Redis, and one replica uses more cores.
 */
@Injectable()
export class ArticleClassifier implements OnModuleDestroy {
  private readonly log = getLogger(ArticleClassifier.name);
  private readonly pool: WorkerPool<ClassifyInput[], ClassifyOutcome[]> | null;
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  private degraded = false;

  constructor(@Optional() @Inject(CLASSIFIER_CONFIG) config?: ClassifierConfig) {
    const workers = config?.workers ?? 0;
    const script = config?.workerScript ?? workerScript(__dirname, 'classification.worker');
    this.pool = workers > 0 && script ? WorkerPool.start<ClassifyInput[], ClassifyOutcome[]>(script, workers) : null;
    if (workers > 0) this.log.info(this.pool ? 'classifying in worker threads' : 'no worker script: classifying in the event loop', { workers: this.pool?.size ?? 0 });
  }

  get workers(): number {
    return this.pool?.size ?? 0;
  }

  async classify(input: ClassifyInput): Promise<Classification> {
    if (!this.pool) return classify(input);
    return new Promise<Classification>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.pump();
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.close();
  }

  /** One task per free worker, each taking what waits (up to MAX_BATCH). */
  private pump(): void {
    const pool = this.pool as WorkerPool<ClassifyInput[], ClassifyOutcome[]>;
    while (this.waiting.length > 0 && this.inFlight < Math.max(1, pool.size)) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.runBatch(pool, batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async runBatch(pool: WorkerPool<ClassifyInput[], ClassifyOutcome[]>, batch: Waiting[]): Promise<void> {
    let outcomes: ClassifyOutcome[];
    try {
      outcomes = await pool.run(batch.map((w) => w.input));
      this.degraded = false;
    } catch (err) {
      if (!(err instanceof WorkerTaskError)) return batch.forEach((w) => w.reject(err as Error));
      workerFailures.inc({ reason: err.reason });
      if (err.reason === 'died' && batch.length > 1) {
        // One article may have killed the worker: each goes again alone, so only that one fails.
        await Promise.all(batch.map((w) => this.runBatch(pool, [w])));
        return;
      }
      if (err.reason === 'died' || err.reason === 'threw') {
        const reason = err.reason;
        return batch.forEach((w) => w.reject(new ClassificationError(reason, err.message)));
      }
      // Closing (shutdown) or out of replacements (workers died too often this minute): this thread classifies, so
      // no record fails for want of a worker.
      if (!this.degraded) this.log.warn('worker pool unavailable: classifying in the event loop', { reason: err.reason });
      this.degraded = true;
      outcomes = classifyEach(batch.map((w) => w.input));
    }
    batch.forEach((w, i) => {
      const o = outcomes[i];
      if (o?.ok) w.resolve(o.classification);
      else w.reject(new ClassificationError('threw', o ? o.message : 'no answer for this article'));
    });
  }
}

import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { AppError, Classification, ErrorCode } from '@pharma-radar/contracts';
import { classify } from '@pharma-radar/classifier-collaboration';
import { counter } from '@pharma-radar/platform-health';
import { getLogger } from '@pharma-radar/platform-logging';
import { WorkerPool, WorkerTaskError, workerScript } from '@pharma-radar/platform-worker-pool';
import type { ClassifierConfig } from './config';

export type ClassifyInput = Parameters<typeof classify>[0];
export const CLASSIFIER_CONFIG = Symbol('CLASSIFIER_CONFIG');

const workerFailures = counter('pharma_radar_classifier_worker_failures_total', 'Classifications that failed in a worker thread, by reason', ['reason']);

/** A classification that failed in a worker thread: retried (a dead worker is replaced), then dead-lettered. */
export class ClassificationError extends AppError {
  constructor(readonly reason: 'threw' | 'died', message: string) {
    super(ErrorCode.HandlerFailed, `classification failed in a worker thread (${reason}): ${message}`, true);
  }
}

/**
 * classify() off the event loop: a pool of worker threads (config.workers; none configured, 0, or no worker script:
 * in this thread). The event loop then only moves records between Kafka and Redis, and one replica uses more cores.
 */
@Injectable()
export class ArticleClassifier implements OnModuleDestroy {
  private readonly log = getLogger(ArticleClassifier.name);
  private readonly pool: WorkerPool<ClassifyInput, Classification> | null;
  private degraded = false;

  constructor(@Optional() @Inject(CLASSIFIER_CONFIG) config?: ClassifierConfig) {
    const workers = config?.workers ?? 0;
    const script = config?.workerScript ?? workerScript(__dirname, 'classification.worker');
    this.pool = workers > 0 && script ? WorkerPool.start<ClassifyInput, Classification>(script, workers) : null;
    if (workers > 0) this.log.info(this.pool ? 'classifying in worker threads' : 'no worker script: classifying in the event loop', { workers: this.pool?.size ?? 0 });
  }

  get workers(): number {
    return this.pool?.size ?? 0;
  }

  async classify(input: ClassifyInput): Promise<Classification> {
    if (!this.pool) return classify(input);
    try {
      const result = await this.pool.run(input);
      this.degraded = false;
      return result;
    } catch (err) {
      if (!(err instanceof WorkerTaskError)) throw err;
      workerFailures.inc({ reason: err.reason });
      if (err.reason === 'threw' || err.reason === 'died') throw new ClassificationError(err.reason, err.message);
      // Closing (shutdown) or out of replacements (workers died too often this minute): this thread classifies, so
      // no record fails for want of a worker.
      if (!this.degraded) this.log.warn('worker pool unavailable: classifying in the event loop', { reason: err.reason });
      this.degraded = true;
      return classify(input);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.close();
  }
}

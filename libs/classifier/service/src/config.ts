import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { Env, env, EnvValues } from '@pharma-radar/platform-config';

const MAX_WORKERS = 64;

export const classifierEnv = {
  CLASSIFIER_HTTP_PORT: env(Env.int(3002, 0, 65_535), 'HTTP port of the classifier service (health, metrics).', { example: '3002' }),
  CLASSIFIER_WORKERS: env(
    z.union([z.literal('auto'), z.coerce.number().int().min(0).max(MAX_WORKERS)]).default('auto'),
    'Worker threads in which the classifier service classifies articles, off its event loop. auto: one per core but one (none on one core); 0: in the event loop.',
    { example: 'auto' },
  ),
};
export type ClassifierEnv = EnvValues<typeof classifierEnv>;

export interface ClassifierConfig {
  /** Worker threads classifying articles; 0 classifies on the event loop. */
  workers: number;
  /** Tests only: another worker script in place of classification.worker (one that dies or throws on cue). */
  workerScript?: string;
}

/**
 * The event loop keeps Kafka and Redis moving: the classifying workers get the other cores. On one core a worker would
 * only add hand-offs, so auto classifies in the event loop. A CPU quota may not show in the core count, so the k8s
 * manifest (one CPU per pod) sets 0 itself.
 */
export function classifierConfig(e: Pick<ClassifierEnv, 'CLASSIFIER_WORKERS'>, cores = availableParallelism()): ClassifierConfig {
  return { workers: e.CLASSIFIER_WORKERS === 'auto' ? Math.max(0, Math.min(MAX_WORKERS, cores - 1)) : e.CLASSIFIER_WORKERS };
}

import { Env, env, EnvValues } from './config';

/** Variables every service reads. No KAFKA_BROKERS / REDIS_URL means the embedded in-memory bus and cache. */
export const commonEnv = {
  LOG_LEVEL: env(Env.logLevel(), 'Log level: fatal, error, warn, info, debug, trace, silent.', { example: 'info' }),
  KAFKA_BROKERS: env(Env.list(), 'Comma-separated Kafka bootstrap brokers. Unset: in-memory bus (all-in-one only).', { example: '127.0.0.1:9092' }),
  KAFKA_CLIENT_ID: env(Env.str('pharma-radar'), 'Kafka client id prefix.', { example: 'pharma-radar' }),
  KAFKA_PARTITIONS_CONCURRENCY: env(
    Env.int(0, 0, 64),
    "Partitions of one subscribed topic a consumer handles at once; records of one partition stay in order. 0: all of the topic's partitions.",
    { example: '0' },
  ),
  KAFKA_RECORDS_CONCURRENCY: env(
    Env.int(8, 1, 256),
    'Records of different keys a consumer handles at once within one partition; records of one key stay in order. 1: each partition strictly in order.',
    { example: '8' },
  ),
  REDIS_URL: env(Env.url(['redis:', 'rediss:']), 'Redis URL for de-duplication and caches. Unset: in-memory store.', { sensitive: true, example: 'redis://127.0.0.1:6379' }),
  REDIS_KEY_PREFIX: env(Env.str('pr:'), 'Prefix of every Redis key (lets several deployments share one Redis).', { example: 'pr:' }),
  HTTP_HOST: env(Env.str('0.0.0.0'), 'Address the health/metrics/API HTTP server binds to.', { example: '0.0.0.0' }),
};
export type CommonEnv = EnvValues<typeof commonEnv>;

export interface InfraConfig {
  /** partitionsConcurrency unset: every partition of a subscribed topic at once. */
  kafka: { brokers: string[]; clientId: string; partitionsConcurrency?: number; recordsConcurrency?: number } | null;
  redis: { url: string; keyPrefix: string } | null;
  logLevel: CommonEnv['LOG_LEVEL'];
  httpHost: string;
}

export function infraConfig(e: CommonEnv): InfraConfig {
  return {
    kafka: e.KAFKA_BROKERS.length ? { brokers: e.KAFKA_BROKERS, clientId: e.KAFKA_CLIENT_ID, partitionsConcurrency: e.KAFKA_PARTITIONS_CONCURRENCY || undefined, recordsConcurrency: e.KAFKA_RECORDS_CONCURRENCY } : null,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : null,
    logLevel: e.LOG_LEVEL,
    httpHost: e.HTTP_HOST,
  };
}

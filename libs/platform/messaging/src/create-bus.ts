import type { InfraConfig } from '@pharma-radar/platform-config';
import { MessageBus } from './bus';
import { InMemoryBus } from './in-memory-bus';
import { KafkaBus } from './kafka-bus';

/** Kafka when brokers are configured, else the embedded bus: the same interface either way. */
export function createBus(infra: Pick<InfraConfig, 'kafka'>, service: string, extra: { topicSuffix?: string } = {}): MessageBus {
  if (!infra.kafka) return new InMemoryBus();
  return new KafkaBus({
    brokers: infra.kafka.brokers,
    clientId: `${infra.kafka.clientId}-${service}`,
    topicSuffix: extra.topicSuffix,
    partitionsConcurrency: infra.kafka.partitionsConcurrency,
    recordsConcurrency: infra.kafka.recordsConcurrency,
  });
}

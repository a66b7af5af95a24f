import { stringify } from 'yaml';
import type { TopicSpec } from '@pharma-radar/contracts';

export const KAFKA_CLUSTER = 'pharma-radar';
/** Three brokers, two in sync: one broker may be down (a rolling update) without refusing an acknowledged write. */
export const REPLICAS = 3;
export const MIN_IN_SYNC_REPLICAS = 2;
export const TOPICS_FILE = 'k8s/kafka/topics.yaml';

/** Resource names: the topic name where Kubernetes allows it (lowercase, dots and dashes: ours are). */
export function kafkaTopicResource(spec: TopicSpec) {
  const config: Record<string, string | number> =
    spec.cleanupPolicy === 'compact'
      ? { 'cleanup.policy': 'compact', 'min.insync.replicas': MIN_IN_SYNC_REPLICAS }
      : { 'cleanup.policy': 'delete', 'retention.ms': spec.retentionMs, 'min.insync.replicas': MIN_IN_SYNC_REPLICAS };
  return {
    apiVersion: 'kafka.strimzi.io/v1beta2',
    kind: 'KafkaTopic',
    metadata: { name: spec.name, labels: { 'strimzi.io/cluster': KAFKA_CLUSTER } },
    spec: { topicName: spec.name, partitions: spec.partitions, replicas: REPLICAS, config },
  };
}

/** k8s/kafka/topics.yaml as `npm run gen:k8s` writes it: one KafkaTopic per topic of libs/contracts/src/topics.ts. */
export function renderKafkaTopics(specs: readonly TopicSpec[]): string {
  const header = [
    '# GENERATED from libs/contracts/src/topics.ts by `npm run gen:k8s`; tools/deploy/deploy.spec.ts fails when it drifts.',
    '# Retention and cleanup as declared there; compacted topics keep the latest record per key for good.',
  ].join('\n');
  return `${header}\n${specs.map((s) => stringify(kafkaTopicResource(s), { lineWidth: 0 })).join('---\n')}`;
}

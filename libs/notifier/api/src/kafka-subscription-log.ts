import { SUBSCRIPTIONS_TOPIC, SUBSCRIPTIONS_TOPIC_PARTITIONS } from '@pharma-radar/contracts';
import { KafkaCompactedLog } from '@pharma-radar/notifier-compacted-log';
import type { SubscriptionLog } from './subscription-log';

export interface KafkaSubscriptionLogOptions {
  brokers: string[];
  clientId: string;
  /** Tests use their own topic; production the contract's. */
  topic?: string;
  /** How long a start may take to read the log to its end before the service gives up (and is restarted). */
  catchUpTimeoutMs?: number;
}

/** The subscriptions on their compacted Kafka topic, read whole at every start and then followed (notifier-compacted-log). */
export class KafkaSubscriptionLog extends KafkaCompactedLog implements SubscriptionLog {
  constructor(opts: KafkaSubscriptionLogOptions) {
    super({
      brokers: opts.brokers,
      clientId: opts.clientId,
      topic: opts.topic ?? SUBSCRIPTIONS_TOPIC,
      partitions: SUBSCRIPTIONS_TOPIC_PARTITIONS,
      readerGroup: 'pharma-radar.notifier.subscriptions-reader',
      catchUpTimeoutMs: opts.catchUpTimeoutMs,
    });
  }
}

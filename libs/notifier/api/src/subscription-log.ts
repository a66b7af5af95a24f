import { MemoryCompactedLog, type CompactedLog } from '@pharma-radar/notifier-compacted-log';

/**
 * The durable, ordered record of every tenant and subscriber: a compacted log where the latest value per key
 * is the state and a null value deletes it. Kafka in production; memory in the embedded mode and unit tests.
 */
export type SubscriptionLog = CompactedLog;

/** In-process subscriptions log; nothing survives the process, which is why the embedded mode warns at start. */
export class MemorySubscriptionLog extends MemoryCompactedLog {}

export { MemoryCompactedLog, MemoryLogStore, type CompactedLog, type LogPosition, type LogReader } from './compacted-log';
export { KafkaCompactedLog, type KafkaCompactedLogOptions } from './kafka-compacted-log';

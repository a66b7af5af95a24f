import type { TopicName, TopicPayload } from '@pharma-radar/contracts';
import type { CompactedLog, LogPosition } from '@pharma-radar/notifier-compacted-log';
import { MemoryCompactedLog, KafkaCompactedLog } from '@pharma-radar/notifier-compacted-log';
import { createEnvelope, decode, encodeEnvelope, KafkaBus, type EventOf, type MessageBus } from '@pharma-radar/platform-messaging';
import { TopicSpecs } from '@pharma-radar/contracts';

/** Writes a contract payload to a compacted log in the bus's envelope, so bus readers (replay, audits) read it too. */
export async function appendEvent<T extends TopicName>(log: CompactedLog, topic: T, key: string, payload: TopicPayload[T], id?: string): Promise<LogPosition> {
  const { value, headers } = encodeEnvelope(createEnvelope(topic, payload, { id }));
  return log.append(key, value, headers);
}

/** Validates a record read from a compacted log against its contract; Kafka bytes are untrusted input. */
export function decodeEvent<T extends TopicName>(topic: T, key: string, value: string, position: LogPosition): { ok: true; event: EventOf<T> } | { ok: false; message: string } {
  const decoded = decode<T>({ topic, partition: position.partition, offset: String(position.offset), key, value: Buffer.from(value), headers: {} });
  return decoded.ok ? decoded : { ok: false, message: `${decoded.code}: ${decoded.message}` };
}

/**
 * The compacted log of a state topic as this process sees the bus: the bus's own wire topic (tests add a suffix)
 * on its brokers, or memory beside the in-memory bus (`npm start`), shared by everything in the process.
 */
export function stateLog(bus: MessageBus, topic: TopicName, kafka: { brokers: string[]; clientId: string } | null, memory: Map<string, MemoryCompactedLog>): CompactedLog {
  if (kafka && bus instanceof KafkaBus) {
    return new KafkaCompactedLog({
      brokers: kafka.brokers,
      clientId: `${kafka.clientId}-${TopicSpecs[topic].eventType}`,
      topic: bus.wireTopic(topic),
      partitions: TopicSpecs[topic].partitions,
      readerGroup: `pharma-radar.notifier.${TopicSpecs[topic].eventType}-reader`,
    });
  }
  let log = memory.get(topic);
  if (!log) memory.set(topic, (log = new MemoryCompactedLog()));
  return log;
}

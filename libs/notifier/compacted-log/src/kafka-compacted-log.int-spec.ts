import { randomUUID } from 'node:crypto';
import { configureLogging } from '@pharma-radar/platform-logging';
import { expectEventually, infraFromEnv } from '@pharma-radar/testing';
import { KafkaCompactedLog } from './kafka-compacted-log';

jest.setTimeout(120_000);
configureLogging({ service: 'compacted-log-int', level: 'silent' });

// The shared reader on the real broker, on a topic of three partitions like the delivery ledger's.
describe('KafkaCompactedLog (real broker)', () => {
  const logs: KafkaCompactedLog[] = [];
  const open = (topic: string) => {
    const log = new KafkaCompactedLog({ brokers: infraFromEnv().kafkaBrokers, clientId: 'compacted-log-int', topic, partitions: 3, readerGroup: 'compacted-log-int' });
    logs.push(log);
    return log;
  };
  afterAll(() => Promise.all(logs.map((l) => l.stop())));

  it('should read every partition to its end at start, then follow appends and tombstones written by another writer', async () => {
    const topic = `pharma-radar.compacted-log.it-${randomUUID()}`;
    const writer = open(topic);
    const seenByWriter = new Map<string, string>();
    await writer.start((key, value) => (value === null ? seenByWriter.delete(key) : seenByWriter.set(key, value)));
    const keys = Array.from({ length: 30 }, (_, i) => `key-${i}`);
    const positions = await Promise.all(keys.map((k) => writer.append(k, `v1-${k}`)));
    expect(new Set(positions.map((p) => p.partition)).size).toBe(3);

    const reader = open(topic);
    const state = new Map<string, string>();
    await reader.start((key, value) => (value === null ? state.delete(key) : state.set(key, value)));
    // Resolved start means everything written before it is in.
    expect([...state.keys()].sort()).toEqual([...keys].sort());

    await writer.append('key-0', 'v2-key-0');
    await Promise.all(keys.slice(20).map((k) => writer.append(k, null)));
    await expectEventually(() => {
      expect(state.size).toBe(20);
      expect(state.get('key-0')).toBe('v2-key-0');
      // The writer follows its own writes the same way.
      expect(seenByWriter).toEqual(state);
    }, { timeoutMs: 30_000, intervalMs: 100 });
  });

  it('should give each append its own position, consecutive within a partition for appends batched together', async () => {
    const log = open(`pharma-radar.compacted-log.it-${randomUUID()}`);
    await log.start(() => undefined);
    const positions = await Promise.all(Array.from({ length: 50 }, () => log.append('same-key', 'v')));
    const offsets = positions.map((p) => p.offset);
    expect(new Set(positions.map((p) => p.partition)).size).toBe(1);
    expect(new Set(offsets).size).toBe(50);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });
});

/** Where a record sits in the log. Offsets only compare within one partition, and one key always lands on one partition. */
export interface LogPosition {
  partition: number;
  offset: number;
}

export type LogReader = (key: string, value: string | null, position: LogPosition) => void;

/**
 * A compacted, ordered log of keyed records: the latest value per key is the state, a null value (a tombstone)
 * deletes it. Kafka in deployments, memory in the embedded mode and unit tests. The notifier keeps its
 * subscriptions, its delivery ledger and its channel switches on such logs, and every replica follows them.
 */
export interface CompactedLog {
  readonly kind: 'kafka' | 'memory';
  /**
   * Hands every stored record to `onRecord` in log order (per partition) and resolves once it has seen the end
   * of the log as it stood at the call; records appended later, by this process or another, keep arriving until `stop`.
   */
  start(onRecord: LogReader): Promise<void>;
  /** Resolves once the record is durable (acknowledged by every in-sync replica), with where it was written. */
  append(key: string, value: string | Buffer | null, headers?: Record<string, string>): Promise<LogPosition>;
  stop(): Promise<void>;
}

/** The records of an in-process log; several MemoryCompactedLog handles on one store model several replicas. */
export class MemoryLogStore {
  readonly records: { key: string; value: string | null }[] = [];
  readonly readers = new Set<LogReader>();
}

/**
 * In-process log. Handles sharing one store are how unit tests model "another replica" or "the service restarted
 * and read the log again"; `stop` detaches only this handle's reader. Nothing survives the process.
 */
export class MemoryCompactedLog implements CompactedLog {
  readonly kind = 'memory' as const;
  private readonly mine = new Set<LogReader>();

  constructor(readonly store: MemoryLogStore = new MemoryLogStore()) {}

  async start(onRecord: LogReader): Promise<void> {
    this.store.records.forEach((r, offset) => onRecord(r.key, r.value, { partition: 0, offset }));
    this.mine.add(onRecord);
    this.store.readers.add(onRecord);
  }

  async append(key: string, raw: string | Buffer | null): Promise<LogPosition> {
    const value = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
    const position = { partition: 0, offset: this.store.records.length };
    this.store.records.push({ key, value });
    for (const read of [...this.store.readers]) read(key, value, position);
    return position;
  }

  async stop(): Promise<void> {
    for (const r of this.mine) this.store.readers.delete(r);
    this.mine.clear();
  }

  /** Every record appended so far, oldest first (tests). */
  entries(): readonly { key: string; value: string | null }[] {
    return this.store.records;
  }

  /** What compaction would leave: the last value per key, tombstoned keys gone (tests, measurements). */
  compacted(): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of this.store.records) {
      if (r.value === null) out.delete(r.key);
      else out.set(r.key, r.value);
    }
    return out;
  }
}

/**
 * The durable, ordered record of every tenant and subscriber: a compacted log where the latest value per key
 * is the state and a null value deletes it. Kafka in production; memory in the embedded mode and unit tests.
 */
export interface SubscriptionLog {
  readonly kind: 'kafka' | 'memory';
  /**
   * Hands every stored record to `onRecord` in log order and resolves once it has seen the end of the log
   * as it stood at the call; records appended later keep arriving until `stop`.
   */
  start(onRecord: (key: string, value: string | null) => void): Promise<void>;
  /** Resolves once the record is durable (acknowledged by every in-sync replica). */
  append(key: string, value: string | null): Promise<void>;
  stop(): Promise<void>;
}

/**
 * In-process log. Several readers may share one instance: that is how unit tests model "the API restarted and
 * read the log again". Nothing survives the process, which is why the embedded mode warns at start.
 */
export class MemorySubscriptionLog implements SubscriptionLog {
  readonly kind = 'memory' as const;
  private readonly records: { key: string; value: string | null }[] = [];
  private readonly readers = new Set<(key: string, value: string | null) => void>();

  async start(onRecord: (key: string, value: string | null) => void): Promise<void> {
    for (const r of this.records) onRecord(r.key, r.value);
    this.readers.add(onRecord);
  }

  async append(key: string, value: string | null): Promise<void> {
    this.records.push({ key, value });
    for (const read of this.readers) read(key, value);
  }

  async stop(): Promise<void> {
    this.readers.clear();
  }

  /** Every record appended so far, oldest first (tests). */
  entries(): readonly { key: string; value: string | null }[] {
    return this.records;
  }
}

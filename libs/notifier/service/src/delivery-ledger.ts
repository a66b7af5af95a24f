import { AppError, DeliveryRecordV1, ErrorCode, Topics } from '@pharma-radar/contracts';
import type { CompactedLog, LogPosition } from '@pharma-radar/notifier-compacted-log';
import { gauge } from '@pharma-radar/platform-health';
import { getLogger } from '@pharma-radar/platform-logging';
import { canMove, entryOf, folds, LedgerEntry } from './ledger-state';
import type { KafkaBus } from '@pharma-radar/platform-messaging';
import { appendEvent, decodeEvent, stateLog } from './topic-log';

const ledgerSize = gauge('pharma_radar_notifier_ledger_entries', 'Deliveries the ledger holds in memory, by state', ['state']);

export interface LedgerSummary {
  read: number;
  invalid: number;
  pending: number;
  finished: number;
}

/** The ledger of a notifier on this bus's Kafka (its wire topic: tests add a suffix), for tools such as replay. */
export function deliveryLedgerOn(bus: KafkaBus, kafka: { brokers: string[]; clientId: string }): DeliveryLedger {
  return new DeliveryLedger(stateLog(bus, Topics.deliveries, kafka, new Map()));
}

/**
 * The durable memory of deliveries: every state change is a record on the compacted `deliveries.v1` topic
 * (key = delivery key), mirrored in memory. The notifier reads the topic from the beginning at start and then
 * follows it, so every replica knows what every other one recorded, a Redis emptied of its queue loses nothing
 * (pending deliveries are queued again) and nothing that finished is repeated (sent and rejected ones are known).
 * Finished deliveries older than the retention are tombstoned, which bounds the topic and this memory.
 */
export class DeliveryLedger {
  private readonly entries = new Map<string, LedgerEntry>();
  private readonly log = getLogger('DeliveryLedger');
  private readonly counts = { read: 0, invalid: 0 };

  constructor(private readonly store: CompactedLog) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): LedgerEntry | undefined {
    return this.entries.get(key);
  }

  /** Reads the whole ledger, then keeps following it (other replicas' records, tombstones) until `stop`. */
  async start(): Promise<LedgerSummary> {
    this.entries.clear();
    await this.store.start((key, value, position) => this.apply(key, value, position));
    let pending = 0;
    for (const e of this.entries.values()) if (e.state === 'pending') pending++;
    const result = { ...this.counts, pending, finished: this.entries.size - pending };
    this.log.info('delivery ledger read; following it', result);
    return result;
  }

  async stop(): Promise<void> {
    await this.store.stop();
  }

  /** Writes the record (acknowledged by the broker) and only then applies it here. */
  async record(record: DeliveryRecordV1): Promise<void> {
    const current = this.entries.get(record.key)?.state;
    if (!canMove(current, record.state)) {
      throw new AppError(ErrorCode.DeliveryLedgerConflict, `delivery ${record.key} cannot go from ${current ?? 'none'} to ${record.state}`);
    }
    const position = await appendEvent(this.store, Topics.deliveries, record.key, record, `${record.key}@${record.state}@${record.attempts}@${record.at}`);
    this.applyRecord(record, position);
  }

  /**
   * Tombstones finished deliveries settled before `before` and forgets them. A flag older than the retention is
   * not planned at all (DeliveryPlanner), so a delivery forgotten here can never be decided again.
   */
  async sweep(before: number, max = 50_000): Promise<number> {
    const old: string[] = [];
    for (const [key, e] of this.entries) {
      if ((e.state === 'sent' || e.state === 'rejected') && e.atMs < before) old.push(key);
      if (old.length >= max) break;
    }
    let swept = 0;
    // In slices: each append waits for the broker, and the log batches what waits together.
    for (let i = 0; i < old.length; i += 1_000) {
      const slice = old.slice(i, i + 1_000);
      const positions = await Promise.all(slice.map((key) => this.store.append(key, null)));
      slice.forEach((key, j) => this.applyTombstone(key, positions[j]));
      swept += slice.length;
    }
    if (swept) this.log.info('finished deliveries tombstoned', { swept, before: new Date(before).toISOString(), left: this.entries.size });
    this.sample();
    return swept;
  }

  /** Items of one digest period for one subscriber channel in one state, in the order they were recorded. */
  itemsOf(subscriberId: string, channel: string, periodKey: string, state: 'pending' | 'dead' = 'pending'): DeliveryRecordV1[] {
    const items: DeliveryRecordV1[] = [];
    for (const e of this.entries.values()) {
      if (e.state === state && e.record.kind === 'digest-item' && e.record.subscriberId === subscriberId && e.record.channel === channel && e.record.periodKey === periodKey) {
        items.push(e.record);
      }
    }
    return items;
  }

  /** Records in one state (pending: to queue again; dead: to replay). */
  inState(state: 'pending' | 'dead'): DeliveryRecordV1[] {
    const out: DeliveryRecordV1[] = [];
    for (const e of this.entries.values()) if (e.state === state) out.push(e.record);
    return out;
  }

  /** Entry counts by state for the metrics. */
  sample(): Record<string, number> {
    const byState: Record<string, number> = { pending: 0, sent: 0, rejected: 0, dead: 0 };
    for (const e of this.entries.values()) byState[e.state]++;
    for (const [state, n] of Object.entries(byState)) ledgerSize.set({ state }, n);
    return byState;
  }

  private apply(key: string, value: string | null, position: LogPosition): void {
    if (value === null) {
      this.applyTombstone(key, position);
      return;
    }
    this.counts.read++;
    // This process's own writes come back too, already applied: skip them before paying for parsing and validation.
    const current = this.entries.get(key);
    if (current && position.offset <= current.offset) return;
    const decoded = decodeEvent(Topics.deliveries, key, value, position);
    if (!decoded.ok || decoded.event.payload.key !== key) {
      this.counts.invalid++;
      this.log.warn('ledger record skipped', { key, offset: position.offset, reason: decoded.ok ? 'payload key differs from the record key' : decoded.message });
      return;
    }
    this.applyRecord(decoded.event.payload, position);
  }

  private applyRecord(record: DeliveryRecordV1, position: LogPosition): void {
    const current = this.entries.get(record.key);
    const verdict = folds(current, record.state, position.offset);
    if (verdict === 'final') this.log.warn('a later non-final ledger record ignored: the delivery is settled', { key: record.key, state: current?.state, incoming: record.state });
    if (verdict === 'apply') this.entries.set(record.key, entryOf(record, position.offset));
  }

  private applyTombstone(key: string, position: LogPosition): boolean {
    const current = this.entries.get(key);
    if (!current || position.offset <= current.offset) return false;
    this.entries.delete(key);
    return true;
  }
}

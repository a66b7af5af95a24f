import { AppError, DeliveryRecordV1, ErrorCode, Topics } from '@pharma-radar/contracts';
import { getLogger } from '@pharma-radar/platform-logging';
import type { MessageBus } from '@pharma-radar/platform-messaging';
import { canMove, entryOf, LedgerEntry } from './ledger-state';

/**
 * The durable memory of deliveries: every state change is a record on the compacted
 * `deliveries.v1` topic (key = delivery key), mirrored in memory. At start the notifier reads the
 * topic from the beginning, so a Redis emptied of its queue loses nothing (pending deliveries are
 * queued again) and repeats nothing that finished (sent and rejected ones are known).
 */
export class DeliveryLedger {
  private readonly entries = new Map<string, LedgerEntry>();
  private readonly log = getLogger('DeliveryLedger');

  constructor(private readonly bus: MessageBus) {}

  get(key: string): LedgerEntry | undefined {
    return this.entries.get(key);
  }

  /** Writes the record (acknowledged by the broker) and only then applies it here. */
  async record(record: DeliveryRecordV1): Promise<void> {
    const current = this.entries.get(record.key)?.state;
    if (!canMove(current, record.state)) {
      throw new AppError(ErrorCode.DeliveryLedgerConflict, `delivery ${record.key} cannot go from ${current ?? 'none'} to ${record.state}`);
    }
    await this.bus.publish(Topics.deliveries, record, { key: record.key, id: `${record.key}@${record.state}@${record.attempts}@${record.at}` });
    this.entries.set(record.key, entryOf(record));
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

  /** Records in one state (pending: to queue again at start; dead: to replay). */
  inState(state: 'pending' | 'dead'): DeliveryRecordV1[] {
    const out: DeliveryRecordV1[] = [];
    for (const e of this.entries.values()) if (e.state === state) out.push(e.record);
    return out;
  }

  /** Reads the whole ledger topic; the last record of each key is its state. */
  async rebuild(): Promise<{ read: number; invalid: number; pending: number; finished: number }> {
    this.entries.clear();
    const summary = await this.bus.replay(Topics.deliveries, {}, (event) => {
      // Replayed in log order per key, so the later record wins, as compaction would have it.
      this.entries.set(event.payload.key, entryOf(event.payload));
    });
    let pending = 0;
    for (const e of this.entries.values()) if (e.state === 'pending') pending++;
    const result = { ...summary, pending, finished: this.entries.size - pending };
    this.log.info('delivery ledger rebuilt', result);
    return result;
  }
}

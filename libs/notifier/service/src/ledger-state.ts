import type { DeliveryRecordV1, DeliveryState } from '@pharma-radar/contracts';

/**
 * The ledger's state machine. `sent` and `rejected` are final; `dead` goes back to `pending` only
 * through a replay; `pending` may be written again (attempt counts, a new time). A delivery this
 * process has not seen may arrive in any state: another replica recorded it as pending.
 */
const ALLOWED: Record<DeliveryState | 'none', readonly DeliveryState[]> = {
  none: ['pending', 'sent', 'rejected', 'dead'],
  pending: ['pending', 'sent', 'rejected', 'dead'],
  dead: ['pending'],
  sent: [],
  rejected: [],
};

export function canMove(from: DeliveryState | undefined, to: DeliveryState): boolean {
  return ALLOWED[from ?? 'none'].includes(to);
}

/** What the ledger keeps in memory: finished deliveries drop the flag, the rest keep all to re-create the job. */
export type LedgerEntry =
  | { state: 'sent' | 'rejected'; kind: DeliveryRecordV1['kind']; subscriberId: string; channel: string; periodKey: string | null }
  | { state: 'pending' | 'dead'; record: DeliveryRecordV1 };

export function entryOf(record: DeliveryRecordV1): LedgerEntry {
  if (record.state === 'sent' || record.state === 'rejected') {
    return { state: record.state, kind: record.kind, subscriberId: record.subscriberId, channel: record.channel, periodKey: record.periodKey };
  }
  return { state: record.state, record };
}

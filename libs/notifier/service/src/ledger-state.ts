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

export function isFinal(state: DeliveryState): state is 'sent' | 'rejected' {
  return state === 'sent' || state === 'rejected';
}

/**
 * What the ledger keeps in memory: finished deliveries drop the flag, the rest keep all to re-create the job.
 * `offset` is where the record sits in its partition (one key, one partition): an older record read back later
 * (this process's own write, echoed by the log) never overwrites a newer one. `atMs` of a finished delivery
 * dates it for the retention sweep.
 */
export type LedgerEntry =
  | { state: 'sent' | 'rejected'; kind: DeliveryRecordV1['kind']; subscriberId: string; channel: string; periodKey: string | null; atMs: number; offset: number }
  | { state: 'pending' | 'dead'; record: DeliveryRecordV1; offset: number };

export function entryOf(record: DeliveryRecordV1, offset: number): LedgerEntry {
  if (isFinal(record.state)) {
    return { state: record.state, kind: record.kind, subscriberId: record.subscriberId, channel: record.channel, periodKey: record.periodKey, atMs: Date.parse(record.at), offset };
  }
  return { state: record.state, record, offset };
}

/**
 * How a record read from the log folds into what is known, in log order: a newer record replaces an older one,
 * except that a final state is never reopened. A `pending` after a `sent` comes from a replica that decided on a
 * view of the ledger older than that send; the send stands.
 */
export function folds(current: LedgerEntry | undefined, incoming: DeliveryState, offset: number): 'apply' | 'older' | 'final' {
  if (!current) return 'apply';
  if (offset <= current.offset) return 'older';
  if (isFinal(current.state) && !isFinal(incoming)) return 'final';
  return 'apply';
}

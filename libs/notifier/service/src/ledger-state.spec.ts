import { aFlag } from '@pharma-radar/testing';
import type { DeliveryRecordV1 } from '@pharma-radar/contracts';
import { canMove, entryOf } from './ledger-state';

const record = (state: DeliveryRecordV1['state']): DeliveryRecordV1 => ({
  key: 'k', kind: 'alert', state, attempts: 0, code: null, reason: null, at: '2026-01-01T00:00:00.000Z', subscriberId: 's',
  channel: 'email', collaborationId: 'c', periodKey: null, notBefore: '2026-01-01T00:00:00.000Z', flag: aFlag().build(),
});

describe('ledger state machine', () => {
  it('should accept any first state when the delivery was queued by another replica', () => {
    for (const to of ['pending', 'sent', 'rejected', 'dead'] as const) expect(canMove(undefined, to)).toBe(true);
  });

  it('should settle a pending delivery as sent, rejected or dead', () => {
    for (const to of ['pending', 'sent', 'rejected', 'dead'] as const) expect(canMove('pending', to)).toBe(true);
  });

  it('should never reopen a sent or rejected delivery', () => {
    for (const from of ['sent', 'rejected'] as const) {
      for (const to of ['pending', 'sent', 'rejected', 'dead'] as const) expect(canMove(from, to)).toBe(false);
    }
  });

  it('should reopen a dead delivery only as pending (a replay)', () => {
    expect(canMove('dead', 'pending')).toBe(true);
    expect(canMove('dead', 'sent')).toBe(false);
  });

  it('should keep the flag in memory only while the delivery may still go out', () => {
    expect(entryOf(record('sent'), 0)).not.toHaveProperty('record');
    expect(entryOf(record('pending'), 0)).toMatchObject({ state: 'pending', record: { flag: { collaborationId: expect.any(String) } } });
  });
});

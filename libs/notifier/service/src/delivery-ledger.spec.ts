import { Topics, type DeliveryRecordV1 } from '@pharma-radar/contracts';
import { MemoryCompactedLog } from '@pharma-radar/notifier-compacted-log';
import { aFlag } from '@pharma-radar/testing';
import { DeliveryLedger } from './delivery-ledger';
import { appendEvent } from './topic-log';

const T0 = Date.parse('2026-01-15T12:00:00Z');
const HOUR = 3_600_000;

function rec(key: string, state: DeliveryRecordV1['state'], at = T0, attempts = 0): DeliveryRecordV1 {
  return {
    key, kind: 'alert', state, attempts, code: null, reason: null, at: new Date(at).toISOString(), subscriberId: 's', channel: 'email',
    collaborationId: key, periodKey: null, notBefore: new Date(at).toISOString(), flag: aFlag().id(key).build(),
  };
}

async function replicas() {
  const log = new MemoryCompactedLog();
  const a = new DeliveryLedger(log);
  await a.start();
  const b = new DeliveryLedger(new MemoryCompactedLog(log.store));
  await b.start();
  return { a, b, log };
}

describe('DeliveryLedger', () => {
  it('should know what another replica recorded after it started (it follows the log)', async () => {
    const { a, b } = await replicas();
    await a.record(rec('k1', 'pending'));
    await a.record(rec('k1', 'sent'));
    expect(b.get('k1')?.state).toBe('sent');
  });

  it('should keep a settled delivery settled when a replica with an older view writes pending after the send', async () => {
    const { a, b, log } = await replicas();
    await a.record(rec('k1', 'pending'));
    await a.record(rec('k1', 'sent'));
    // A third replica decided on a view from before the send.
    await appendEvent(log, Topics.deliveries, 'k1', rec('k1', 'pending'));
    expect(a.get('k1')?.state).toBe('sent');
    expect(b.get('k1')?.state).toBe('sent');
  });

  it('should read the same state back at start as it held while following, tombstones included', async () => {
    const { a, log } = await replicas();
    await a.record(rec('k1', 'pending'));
    await a.record(rec('k1', 'pending', T0, 1));
    await a.record(rec('k2', 'pending'));
    await a.record(rec('k2', 'sent'));
    await a.sweep(T0 + HOUR);
    const restarted = new DeliveryLedger(new MemoryCompactedLog(log.store));
    expect(await restarted.start()).toMatchObject({ pending: 1, finished: 0 });
    expect(restarted.get('k1')).toMatchObject({ state: 'pending', record: { attempts: 1 } });
    expect(restarted.get('k2')).toBeUndefined();
  });

  it('should tombstone finished deliveries settled before the cut-off and keep pending, dead and recent ones', async () => {
    const { a, b, log } = await replicas();
    await a.record(rec('old-sent', 'sent', T0 - 8 * 24 * HOUR));
    await a.record(rec('old-rejected', 'rejected', T0 - 8 * 24 * HOUR));
    await a.record(rec('old-pending', 'pending', T0 - 8 * 24 * HOUR));
    await a.record(rec('old-dead', 'dead', T0 - 8 * 24 * HOUR));
    await a.record(rec('new-sent', 'sent', T0 - HOUR));
    expect(await a.sweep(T0 - 7 * 24 * HOUR)).toBe(2);
    const left = ['old-sent', 'old-rejected', 'old-pending', 'old-dead', 'new-sent'].filter((k) => a.get(k));
    expect(left).toEqual(['old-pending', 'old-dead', 'new-sent']);
    // The other replica drops them too, and the log compacts them away.
    expect(['old-sent', 'old-rejected'].map((k) => b.get(k))).toEqual([undefined, undefined]);
    expect([...log.compacted().keys()].sort()).toEqual(['new-sent', 'old-dead', 'old-pending']);
  });

  it('should refuse to reopen a settled delivery it knows', async () => {
    const { a } = await replicas();
    await a.record(rec('k1', 'sent'));
    await expect(a.record(rec('k1', 'pending'))).rejects.toThrow(/cannot go from sent to pending/);
  });

  it('should skip a record that fails its contract and keep reading', async () => {
    const { a, log } = await replicas();
    await log.append('bad', '{"not":"an envelope"}');
    await a.record(rec('k1', 'pending'));
    const restarted = new DeliveryLedger(new MemoryCompactedLog(log.store));
    expect(await restarted.start()).toMatchObject({ invalid: 1, pending: 1 });
  });
});

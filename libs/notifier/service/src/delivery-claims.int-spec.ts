import { infraFromEnv, uniquePrefix } from '@pharma-radar/testing';
import { RedisDeliveryClaims } from './delivery-claims';

// The claims on the real Redis: two replicas are two clients of one Redis.
describe('RedisDeliveryClaims (real Redis)', () => {
  const prefix = `${uniquePrefix('claims')}:`;
  const a = new RedisDeliveryClaims(infraFromEnv().redisUrl, prefix);
  const b = new RedisDeliveryClaims(infraFromEnv().redisUrl, prefix);
  afterAll(() => Promise.all([a.close(), b.close()]));

  it('should give a delivery to one holder at a time, then to another once released', async () => {
    const now = Date.now();
    expect(await a.claim('k1', 'run-1', 60_000, now)).toEqual({ kind: 'claimed' });
    const busy = await b.claim('k1', 'run-2', 60_000, now);
    expect(busy.kind).toBe('busy');
    expect(busy.kind === 'busy' && busy.retryAt > now && busy.retryAt <= now + 60_000).toBe(true);
    // The same run asking again keeps its lease (a retried call after a lost answer).
    expect(await a.claim('k1', 'run-1', 60_000, now)).toEqual({ kind: 'claimed' });
    await b.release('k1', 'run-2');
    expect((await b.claim('k1', 'run-2', 60_000, now)).kind).toBe('busy');
    await a.release('k1', 'run-1');
    expect(await b.claim('k1', 'run-2', 60_000, now)).toEqual({ kind: 'claimed' });
  });

  it('should answer "sent" to every later claim once a delivery is marked sent, and list which keys are', async () => {
    const now = Date.now();
    expect(await a.claim('k2', 'run-1', 60_000, now)).toEqual({ kind: 'claimed' });
    await a.markSent(['k2', 'k3'], 60_000);
    expect(await b.claim('k2', 'run-2', 60_000, now)).toEqual({ kind: 'sent' });
    expect(await b.claim('k3', 'run-2', 60_000, now)).toEqual({ kind: 'sent' });
    expect([...(await b.sentOf(['k2', 'k3', 'k4']))].sort()).toEqual(['k2', 'k3']);
    await a.release('k2', 'run-1');
    expect(await b.claim('k2', 'run-3', 60_000, now)).toEqual({ kind: 'sent' });
  });

  it('should renew a lease only for its holder', async () => {
    const now = Date.now();
    expect(await a.claim('k6', 'run-1', 60_000, now)).toEqual({ kind: 'claimed' });
    expect(await a.extend('k6', 'run-1', 120_000)).toBe(true);
    expect(await b.extend('k6', 'run-2', 120_000)).toBe(false);
    const busy = await b.claim('k6', 'run-2', 60_000, now);
    expect(busy.kind === 'busy' && busy.retryAt > now + 60_000).toBe(true);
  });

  it('should free a lease whose holder died once it expires', async () => {
    const now = Date.now();
    expect(await a.claim('k5', 'killed-run', 50, now)).toEqual({ kind: 'claimed' });
    await new Promise((r) => setTimeout(r, 120));
    expect(await b.claim('k5', 'next-run', 60_000, Date.now())).toEqual({ kind: 'claimed' });
  });
});

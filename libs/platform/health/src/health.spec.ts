import { HealthRegistry } from './health';

describe('HealthRegistry', () => {
  it('should fail a check that does not answer in time with that reason instead of hanging the probe', async () => {
    const registry = new HealthRegistry();
    registry.register('store', () => new Promise(() => undefined));
    registry.register('bus', () => ({ ok: true }));
    expect(await registry.evaluate(20)).toEqual({ ok: false, checks: { store: { ok: false, detail: 'no answer within 20 ms' }, bus: { ok: true } } });
  });

  it('should turn a throwing check into a failed one with its message', async () => {
    const registry = new HealthRegistry();
    registry.register('feeds', () => {
      throw new Error('store closed');
    });
    expect(await registry.evaluate()).toEqual({ ok: false, checks: { feeds: { ok: false, detail: 'store closed' } } });
  });
});

import { cachedCheck, quorumReadiness } from './quorum';

describe('quorumReadiness', () => {
  it('should not be ready when most sources failed their last try, naming each with its reason', () => {
    const r = quorumReadiness('feeds', [
      { id: 'a', ok: false, detail: 'FEED_FETCH_FAILED: ECONNREFUSED' },
      { id: 'b', ok: false },
      { id: 'c', ok: true },
    ]);
    expect(r).toEqual({ ok: false, detail: '2 of 3 feeds failing: a (FEED_FETCH_FAILED: ECONNREFUSED); b' });
  });

  it('should stay ready when a minority fails', () => {
    expect(quorumReadiness('feeds', [{ id: 'a', ok: false }, { id: 'b', ok: true }, { id: 'c', ok: true }])).toEqual({ ok: true, detail: '2 of 3 feeds ok' });
  });

  it('should stay ready when exactly half fails (most means more than half)', () => {
    expect(quorumReadiness('feeds', [{ id: 'a', ok: false }, { id: 'b', ok: true }]).ok).toBe(true);
  });

  it('should count sources not tried yet as neither failing nor ok', () => {
    expect(quorumReadiness('feeds', [{ id: 'a', ok: null }, { id: 'b', ok: null }, { id: 'c', ok: false }]))
      .toEqual({ ok: true, detail: '0 of 3 feeds ok, 2 not polled yet' });
  });

  it('should be ready with no sources at all', () => {
    expect(quorumReadiness('feeds', []).ok).toBe(true);
  });
});

describe('cachedCheck', () => {
  it('should run the check once per period and share a run in flight', async () => {
    let t = 0;
    let runs = 0;
    const check = cachedCheck(async () => ({ ok: true, detail: `run ${++runs}` }), 1_000, () => t);
    expect(await Promise.all([check(), check()])).toEqual([{ ok: true, detail: 'run 1' }, { ok: true, detail: 'run 1' }]);
    t = 999;
    expect(await check()).toEqual({ ok: true, detail: 'run 1' });
    t = 1_000;
    expect(await check()).toEqual({ ok: true, detail: 'run 2' });
  });

  it('should run again after a failed run instead of keeping its error', async () => {
    let fail = true;
    const check = cachedCheck(async () => {
      if (fail) throw new Error('store closed');
      return { ok: true };
    }, 60_000);
    await expect(check()).rejects.toThrow('store closed');
    fail = false;
    expect(await check()).toEqual({ ok: true });
  });
});

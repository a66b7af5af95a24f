import { afterPoll, parseFeedState } from './feed-state';

describe('feed state', () => {
  it('should read what it wrote and drop damaged or wrong-typed fields when the key is old or broken', () => {
    expect(parseFeedState(JSON.stringify({ etag: '"v1"', polledAt: 5, failures: 2, published: 9, lastOkAt: 'x' }))).toEqual({ etag: '"v1"', polledAt: 5, failures: 2, published: 9, lastOkAt: 'x' });
    expect(parseFeedState(JSON.stringify({ etag: '"v1"', lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT' }))).toEqual({ etag: '"v1"', lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT' });
    expect(parseFeedState(JSON.stringify({ etag: 7, polledAt: -1, failures: 'x' }))).toEqual({});
    expect(parseFeedState('{not json')).toEqual({});
    expect(parseFeedState('null')).toEqual({});
    expect(parseFeedState(null)).toEqual({});
  });

  it('should carry the counters forward without reading the health hash, and keep validators through a 304 and a failure', () => {
    const feed = { id: 'f', source: 'https://f.example/rss' };
    const t0 = Date.parse('2026-03-02T10:00:00Z');
    const ok = afterPoll(feed, {}, { ok: true, items: 3, published: 3, warnings: [], etag: '"v1"' }, t0, 'FEED_FETCH_FAILED');
    expect(ok.state).toEqual({ etag: '"v1"', polledAt: t0, lastOkAt: '2026-03-02T10:00:00.000Z', failures: 0, published: 3 });
    expect(ok.health).toMatchObject({ status: 'ok', publishedTotal: 3, consecutiveFailures: 0, itemsLastPoll: 3, lastPolledAt: '2026-03-02T10:00:00.000Z' });

    const notModified = afterPoll(feed, ok.state, { ok: true, items: 0, published: 0, warnings: [] }, t0 + 1_000, 'FEED_FETCH_FAILED');
    expect(notModified.state).toMatchObject({ etag: '"v1"', published: 3, polledAt: t0 + 1_000 });

    const failed = afterPoll(feed, notModified.state, { ok: false, items: 0, published: 0, errorCode: 'FEED_TIMEOUT', errorMessage: 'slow', warnings: [] }, t0 + 2_000, 'FEED_FETCH_FAILED');
    const again = afterPoll(feed, failed.state, { ok: false, items: 0, published: 0, warnings: [] }, t0 + 3_000, 'FEED_FETCH_FAILED');
    expect(again.state).toMatchObject({ etag: '"v1"', failures: 2, published: 3, lastOkAt: '2026-03-02T10:00:01.000Z' });
    expect(again.health).toMatchObject({ status: 'error', errorCode: 'FEED_FETCH_FAILED', consecutiveFailures: 2, lastOkAt: '2026-03-02T10:00:01.000Z', publishedTotal: 3 });
    expect(failed.health).toMatchObject({ errorCode: 'FEED_TIMEOUT', errorMessage: 'slow' });
  });

  it('should report when the feed is polled next, drawn for the failures it counts, and null for a poll run by hand', () => {
    const feed = { id: 'f', source: 'https://f.example/rss' };
    const t0 = Date.parse('2026-03-02T10:00:00Z');
    const asked: number[] = [];
    const plan = (failures: number) => (asked.push(failures), t0 + 300_000 * 2 ** failures);
    expect(afterPoll(feed, {}, { ok: true, items: 0, published: 0, warnings: [] }, t0, 'X', plan).health.nextPollAt).toBe('2026-03-02T10:05:00.000Z');
    expect(afterPoll(feed, { failures: 1 }, { ok: false, items: 0, published: 0, warnings: [] }, t0, 'X', plan).health.nextPollAt).toBe('2026-03-02T10:20:00.000Z');
    expect(asked).toEqual([0, 2]);
    expect(afterPoll(feed, {}, { ok: true, items: 0, published: 0, warnings: [] }, t0, 'X').health.nextPollAt).toBeNull();
  });
});

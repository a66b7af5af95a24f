import { FEED_HEALTH_KEY, FeedHealthV1 } from '@pharma-radar/contracts';
import { MemoryStore } from '@pharma-radar/platform-cache';
import { feedsReadiness } from './feed-readiness';

const record = (feedId: string, status: FeedHealthV1['status'], errorCode: string | null = null): string =>
  JSON.stringify({
    feedId, source: `https://${feedId}.example/feed`, status, lastPolledAt: null, lastOkAt: null, errorCode,
    errorMessage: errorCode ? 'connect ECONNREFUSED' : null, consecutiveFailures: 0, itemsLastPoll: 0, publishedTotal: 0, nextPollAt: null,
  } satisfies FeedHealthV1);

describe('feedsReadiness', () => {
  it('should not be ready when most configured feeds failed their last poll', async () => {
    const store = new MemoryStore();
    await store.hset(FEED_HEALTH_KEY, 'a', record('a', 'error', 'FEED_FETCH_FAILED'));
    await store.hset(FEED_HEALTH_KEY, 'b', record('b', 'error', 'FEED_FETCH_FAILED'));
    await store.hset(FEED_HEALTH_KEY, 'c', record('c', 'ok'));
    expect(await feedsReadiness(store, ['a', 'b', 'c'])()).toEqual({
      ok: false,
      detail: '2 of 3 feeds failing: a (FEED_FETCH_FAILED: connect ECONNREFUSED); b (FEED_FETCH_FAILED: connect ECONNREFUSED)',
    });
  });

  it('should ignore records of feeds no longer configured and unreadable records', async () => {
    const store = new MemoryStore();
    await store.hset(FEED_HEALTH_KEY, 'gone-1', record('gone-1', 'error', 'X'));
    await store.hset(FEED_HEALTH_KEY, 'gone-2', record('gone-2', 'error', 'X'));
    await store.hset(FEED_HEALTH_KEY, 'a', '{not json');
    await store.hset(FEED_HEALTH_KEY, 'b', record('b', 'ok'));
    expect(await feedsReadiness(store, ['a', 'b'])()).toEqual({ ok: true, detail: '1 of 2 feeds ok, 1 not polled yet' });
  });
});

import type { FeedHealthV1 } from '@pharma-radar/contracts';

/**
 * What a poll needs from the previous one, in one small key per feed (`feed-http:<feedId>`): the validators for the
 * conditional GET and the counters the health record carries forward. Read once per poll (GET) and written once
 * (SET, beside the HSET of the feed's health field), so a poll costs the same at 100 feeds or 100,000; the health
 * hash itself is read only by its readers (dashboard), never by the poller.
 */
export interface FeedState {
  etag?: string;
  lastModified?: string;
  /** When the last poll started (epoch ms): a replica taking the feed over waits out the rest of the interval. */
  polledAt?: number;
  lastOkAt?: string | null;
  failures?: number;
  published?: number;
}

export const FEED_STATE_TTL_SECONDS = 30 * 86_400;

export function feedStateKey(feedId: string): string {
  return `feed-http:${feedId}`;
}

/** Tolerates anything (the key predates these fields, or was damaged): unknown or wrong-typed fields are dropped. */
export function parseFeedState(raw: string | null): FeedState {
  if (!raw) return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return {};
  }
  if (!v || typeof v !== 'object') return {};
  const o = v as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : undefined);
  const out: FeedState = { etag: str(o.etag), lastModified: str(o.lastModified), polledAt: num(o.polledAt), lastOkAt: str(o.lastOkAt), failures: num(o.failures), published: num(o.published) };
  for (const k of Object.keys(out) as Array<keyof FeedState>) if (out[k] === undefined) delete out[k];
  return out;
}

export interface PollOutcome {
  ok: boolean;
  items: number;
  published: number;
  errorCode?: string;
  errorMessage?: string;
  warnings: FeedHealthV1['warnings'];
  /** Validators of this response; undefined keeps the previous ones (304, failure, file feed). */
  etag?: string;
  lastModified?: string;
}

/** The next state and the health record after a poll that started at `startedAt`. */
/**
 * `nextPollAt` draws the next poll's due time for the failures counted here (the scheduler then uses the same time),
 * so feed health says when the feed will be polled again; without it (a poll run by hand) it is null.
 */
export function afterPoll(
  feed: { id: string; source: string },
  previous: FeedState,
  outcome: PollOutcome,
  startedAt: number,
  defaultErrorCode: string,
  nextPollAt?: (failures: number) => number,
): { state: FeedState; health: FeedHealthV1 } {
  const now = new Date(startedAt).toISOString();
  const failures = outcome.ok ? 0 : (previous.failures ?? 0) + 1;
  const lastOkAt = outcome.ok ? now : (previous.lastOkAt ?? null);
  const published = (previous.published ?? 0) + outcome.published;
  const fresh = outcome.etag !== undefined || outcome.lastModified !== undefined;
  const state: FeedState = {
    ...(fresh ? { etag: outcome.etag, lastModified: outcome.lastModified } : { etag: previous.etag, lastModified: previous.lastModified }),
    polledAt: startedAt,
    lastOkAt,
    failures,
    published,
  };
  if (state.etag === undefined) delete state.etag;
  if (state.lastModified === undefined) delete state.lastModified;
  const health: FeedHealthV1 = {
    feedId: feed.id,
    source: feed.source,
    status: outcome.ok ? 'ok' : 'error',
    lastPolledAt: now,
    lastOkAt,
    errorCode: outcome.ok ? null : (outcome.errorCode ?? defaultErrorCode),
    errorMessage: outcome.ok ? null : (outcome.errorMessage ?? null),
    consecutiveFailures: failures,
    itemsLastPoll: outcome.items,
    publishedTotal: published,
    nextPollAt: nextPollAt ? new Date(nextPollAt(failures)).toISOString() : null,
    warnings: outcome.warnings,
  };
  return { state, health };
}

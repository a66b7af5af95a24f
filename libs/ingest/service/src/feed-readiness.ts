import { FEED_HEALTH_KEY, feedHealthV1 } from '@pharma-radar/contracts';
import type { KeyValueStore } from '@pharma-radar/platform-cache';
import { cachedCheck, HealthCheck, quorumReadiness, SourceState } from '@pharma-radar/platform-health';

/**
 * Ingest is not ready while most of its configured feeds failed their last poll (the feed poller's health records,
 * the ones the dashboard shows). Records of feeds no longer configured are ignored. The hash holds every feed (up to
 * 100,000s), so it is read at most once per `maxAgeMs`, not on every probe.
 */
export function feedsReadiness(store: KeyValueStore, feedIds: readonly string[], maxAgeMs = 30_000): HealthCheck {
  return cachedCheck(async () => {
    const records = await store.hgetall(FEED_HEALTH_KEY);
    return quorumReadiness('feeds', feedIds.map((id) => feedState(id, records[id])));
  }, maxAgeMs);
}

function feedState(id: string, raw: string | undefined): SourceState {
  if (raw === undefined) return { id, ok: null };
  let parsed;
  try {
    parsed = feedHealthV1.safeParse(JSON.parse(raw));
  } catch {
    return { id, ok: null };
  }
  if (!parsed.success || parsed.data.status === 'pending') return { id, ok: null };
  const { status, errorCode, errorMessage } = parsed.data;
  return status === 'ok' ? { id, ok: true } : { id, ok: false, detail: [errorCode, errorMessage].filter(Boolean).join(': ') || 'failed' };
}

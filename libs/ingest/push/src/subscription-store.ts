import type { KeyValueStore } from '@pharma-radar/platform-cache';
import type { WebSubSubscription } from '@pharma-radar/ingest-websub';

// WARNING: renaming the prefix forgets every subscription (hubs keep pushing to callbacks that then answer 410).
const PREFIX = 'websub:v1';
const INDEX = `${PREFIX}:feeds`;

/**
 * Subscriptions in the shared store, so any replica can answer a hub's verification or push. One key per feed,
 * written only when its state changes; an index hash of feed ids for the renewal sweep.
 */
export class WebSubStore {
  constructor(private readonly store: KeyValueStore) {}

  async get(feedId: string): Promise<WebSubSubscription | null> {
    return parse(await this.store.get(this.key(feedId)));
  }

  async put(sub: WebSubSubscription): Promise<void> {
    await this.store.set(this.key(sub.feedId), JSON.stringify(sub));
    await this.store.hset(INDEX, sub.feedId, '1');
  }

  async remove(feedId: string): Promise<void> {
    await this.store.del(this.key(feedId));
  }

  async all(): Promise<WebSubSubscription[]> {
    const ids = Object.keys(await this.store.hgetall(INDEX));
    if (ids.length === 0) return [];
    return (await this.store.getMany(ids.map((id) => this.key(id)))).map(parse).filter((s): s is WebSubSubscription => s !== null);
  }

  /** One replica at a time sweeps: the first to take the lock for this period. */
  async takeSweep(periodMs: number): Promise<boolean> {
    return this.store.setIfAbsent(`${PREFIX}:sweep`, String(Date.now()), Math.max(1, Math.floor(periodMs / 1_000) - 1));
  }

  private key(feedId: string): string {
    return `${PREFIX}:sub:${feedId}`;
  }
}

/** Store contents are untrusted: anything but a whole subscription reads as none. */
function parse(raw: string | null): WebSubSubscription | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<WebSubSubscription>;
    const ok = typeof v.feedId === 'string' && typeof v.topic === 'string' && typeof v.hub === 'string' && typeof v.secret === 'string'
      && ['requested', 'active', 'unsubscribing', 'denied'].includes(v.state as string) && typeof v.requestedAt === 'number' && typeof v.attempts === 'number';
    return ok ? (v as WebSubSubscription) : null;
  } catch {
    return null;
  }
}

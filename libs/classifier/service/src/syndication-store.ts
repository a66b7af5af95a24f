import {
  bestMatch, parseSyndicationEntry, ResolvedSyndicationOptions, SyndicationDoc, SyndicationEntry, syndicationEntry, syndicationKeys,
  SyndicationOptions, syndicationOptions, SyndicationResult,
} from '@pharma-radar/classifier-collaboration';
import type { KeyValueStore } from '@pharma-radar/platform-cache';

export interface SyndicationStoreOptions extends SyndicationOptions {
  /** Every key expires this long after its last write: the index holds only the recent past. */
  ttlSeconds?: number;
  /** Ids kept under one party key (a band key keeps fewer: bands are near-unique). */
  partySlots?: number;
  bandSlots?: number;
  /** How long a copy waits for an earlier copy (another replica, mid-add) to record its cluster. */
  claimWaitMs?: number;
}

// WARNING: renaming this prefix starts an empty index (copies of announcements flagged before the deploy
// would alert again); bump the version only with a change of entry shape.
const PREFIX = 'syn:v2';

interface Stored extends SyndicationEntry {
  /** Order of adds across replicas: only for deciding who joins whom, never for expiry. */
  seq: number;
}

/**
 * The syndication index in the shared key-value store (Redis in deployments, memory in the all-in-one
 * process): bounded in time and incremental. An add writes its own small entry and a few slot keys under
 * its LSH-band and party keys, reads only those keys' slots and the few entries they name, and decides
 * with the pure join rule. Every key has a ttl; nothing is read or written whole.
 *
 * Round trips are few and fixed whatever the index holds: the entry and its slot keys are written in one
 * batch, all slots are read in one MGET and the entries they name in another (about 7 in all per add).
 *
 * Several replicas: each add is recorded before it looks for candidates, so of two concurrent copies at
 * least one sees the other. The cluster of an announcement is a set-once claim (`setIfAbsent`) per
 * entry: a later copy adopts the claim of the earlier copy it matches (waiting briefly if that copy's
 * replica is still deciding), and an earlier copy that sees a later, unclaimed copy claims it into its
 * own cluster first. Either way both end in one cluster.
 */
export class SyndicationStore {
  private readonly opts: ResolvedSyndicationOptions;
  private readonly ttl: number;
  private readonly partySlots: number;
  private readonly bandSlots: number;
  private readonly claimWaitMs: number;

  constructor(private readonly store: KeyValueStore, opts: SyndicationStoreOptions = {}) {
    this.opts = syndicationOptions(opts);
    // Twice the window: a copy at the window's edge still finds the original.
    this.ttl = opts.ttlSeconds ?? this.opts.windowDays * 2 * 86_400;
    this.partySlots = opts.partySlots ?? 8;
    this.bandSlots = opts.bandSlots ?? 3;
    this.claimWaitMs = opts.claimWaitMs ?? 2_000;
  }

  async add(doc: SyndicationDoc): Promise<SyndicationResult> {
    const claimed = await this.store.get(this.claimKey(doc.id));
    if (claimed) return { clusterId: claimed, isNew: claimed === doc.id, matchedId: doc.id, similarity: 1 };

    const entry: Stored = { ...syndicationEntry(doc, this.opts), seq: await this.store.incr(`${PREFIX}:seq`, 365 * 86_400) };
    const keys = syndicationKeys(entry, this.opts);
    // Record first, then look: two concurrent copies cannot both miss each other.
    await this.store.setMany([{ key: this.entryKey(entry.id), value: JSON.stringify(entry) }, ...keys.map((k) => ({ key: this.slotKey(k, entry), value: entry.id }))], this.ttl);
    const candidates = await this.candidates(keys, entry.id);

    const lower = bestMatch(entry, candidates.filter((c) => before(c, entry)), this.opts);
    let proposed = entry.id;
    if (lower) {
      proposed = await this.clusterOf(lower.entry.id);
    } else {
      const higher = candidates.filter((c) => before(entry, c) && bestMatch(entry, [c], this.opts)).sort((a, b) => (before(a, b) ? -1 : 1));
      let claimedOthers = false;
      for (const h of higher) {
        if (await this.store.setIfAbsent(this.claimKey(h.id), proposed, this.ttl)) claimedOthers = true;
        else if (!claimedOthers) proposed = (await this.store.get(this.claimKey(h.id))) ?? proposed;
      }
    }
    // A claim is set once and never overwritten: if ours took, it is `proposed`.
    const clusterId = (await this.store.setIfAbsent(this.claimKey(entry.id), proposed, this.ttl)) ? proposed : ((await this.store.get(this.claimKey(entry.id))) ?? proposed);
    if (clusterId === entry.id) return { clusterId, isNew: true };
    const match = bestMatch(entry, candidates, this.opts);
    return { clusterId, isNew: false, matchedId: match?.entry.id, similarity: match?.similarity };
  }

  private entryKey(id: string) { return `${PREFIX}:e:${id}`; }
  private claimKey(id: string) { return `${PREFIX}:c:${id}`; }
  private slotKeys(key: string) {
    const n = key.startsWith('p:') ? this.partySlots : this.bandSlots;
    return Array.from({ length: n }, (_, i) => `${PREFIX}:k:${key}:${i}`);
  }

  /**
   * The slot is the add's seq modulo the slot count: adds running at the same time have consecutive seqs,
   * so up to that many concurrent copies never overwrite each other; older ids give way.
   */
  private slotKey(key: string, entry: Stored): string {
    const slots = this.slotKeys(key);
    return slots[entry.seq % slots.length];
  }

  private async candidates(keys: readonly string[], self: string): Promise<Stored[]> {
    const ids = new Set((await this.store.getMany(keys.flatMap((k) => this.slotKeys(k)))).filter((id): id is string => !!id && id !== self));
    const raw = await this.store.getMany([...ids].map((id) => this.entryKey(id)));
    const out: Stored[] = [];
    for (const r of raw) {
      const e = parseStored(r);
      if (e) out.push(e);
    }
    return out;
  }

  /** The cluster an earlier entry was put in; if its replica died before deciding, it founds its own. */
  private async clusterOf(id: string): Promise<string> {
    const deadline = Date.now() + this.claimWaitMs;
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      const c = await this.store.get(this.claimKey(id));
      if (c) return c;
      if (Date.now() >= deadline) break;
      await new Promise((r) => setTimeout(r, delay));
    }
    await this.store.setIfAbsent(this.claimKey(id), id, this.ttl);
    return (await this.store.get(this.claimKey(id))) ?? id;
  }
}

/** Total order of adds: seq, then id (a store whose counter is not atomic may hand out one seq twice). */
function before(a: Stored, b: Stored): boolean {
  return a.seq < b.seq || (a.seq === b.seq && a.id < b.id);
}

/** Store contents are untrusted: a corrupt entry is no candidate. */
function parseStored(raw: string | null): Stored | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as { seq?: unknown };
    const e = parseSyndicationEntry(v);
    return e && typeof v.seq === 'number' ? { ...e, seq: v.seq } : null;
  } catch {
    return null;
  }
}

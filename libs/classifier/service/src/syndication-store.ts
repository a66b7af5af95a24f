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
const SEQ_KEY = `${PREFIX}:seq`;
// Its own counter: drawn once per add, so adds running at the same time hold consecutive values.
const SLOT_KEY = `${PREFIX}:slot`;

interface Stored extends SyndicationEntry {
  /**
   * Order of adds across replicas, taken after the entry and its slots are written: null while that add is
   * between the two. Only for deciding who joins whom, never for expiry.
   */
  seq: number | null;
}

type Ordered = Stored & { seq: number };

/**
 * The syndication index in the shared key-value store (Redis in deployments, memory in the all-in-one
 * process): bounded in time and incremental. An add writes its own small entry and a few slot keys under
 * its LSH-band and party keys, reads only those keys' slots and the few entries they name, and decides
 * with the pure join rule. Every key has a ttl; nothing is read or written whole.
 *
 * Round trips are few and fixed whatever the index holds: the entry and its slot keys are written in one
 * batch, all slots are read in one MGET and the entries they name in another (about 9 in all per add).
 *
 * Several replicas: an add takes its place in the order (`seq`) only after its entry and slots are written,
 * so it sees every add ordered before it. It joins the cluster of the most similar earlier copy (waiting
 * briefly while that copy's replica records its cluster) or founds its own; later copies never change an
 * earlier copy's cluster. The first of concurrent copies therefore founds the cluster and every later one
 * joins it, through a chain of earlier copies if need be.
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

    const entry = syndicationEntry(doc, this.opts);
    const keys = syndicationKeys(entry, this.opts);
    // Concurrent adds draw consecutive numbers, so they write to different slots (see slotKey).
    const slot = await this.store.incr(SLOT_KEY, 365 * 86_400);
    await this.store.setMany([{ key: this.entryKey(entry.id), value: JSON.stringify(entry) }, ...keys.map((k) => ({ key: this.slotKey(k, slot), value: entry.id }))], this.ttl);
    // Ordered only once written: every add ordered before this one has its entry and slots in the store already.
    // The order goes in a key of its own, so the entry (about 2 KB) is written once.
    const self: Ordered = { ...entry, seq: await this.store.incr(SEQ_KEY, 365 * 86_400) };
    await this.store.set(this.seqKey(entry.id), String(self.seq), this.ttl);

    const matching = (await this.candidates(keys, entry.id)).filter((c) => bestMatch(entry, [c], this.opts));
    const earlier = await this.earlier(self, matching);
    const lower = bestMatch(entry, earlier, this.opts);
    const proposed = lower ? await this.clusterOf(lower.entry.id) : entry.id;
    // A claim is set once and never overwritten: ours is `proposed` unless a later copy, tired of waiting for this
    // replica, claimed this entry into its own cluster first.
    const clusterId = (await this.store.setIfAbsent(this.claimKey(entry.id), proposed, this.ttl)) ? proposed : ((await this.store.get(this.claimKey(entry.id))) ?? proposed);
    if (clusterId === entry.id) return { clusterId, isNew: true };
    return { clusterId, isNew: false, matchedId: lower?.entry.id, similarity: lower?.similarity };
  }

  private entryKey(id: string) { return `${PREFIX}:e:${id}`; }
  private seqKey(id: string) { return `${PREFIX}:s:${id}`; }
  private claimKey(id: string) { return `${PREFIX}:c:${id}`; }
  private slotKeys(key: string) {
    const n = key.startsWith('p:') ? this.partySlots : this.bandSlots;
    return Array.from({ length: n }, (_, i) => `${PREFIX}:k:${key}:${i}`);
  }

  /**
   * The slot is a counter value modulo the slot count: adds running at the same time draw consecutive values,
   * so up to that many concurrent copies never overwrite each other; older ids give way.
   */
  private slotKey(key: string, n: number): string {
    const slots = this.slotKeys(key);
    return slots[n % slots.length];
  }

  private async candidates(keys: readonly string[], self: string): Promise<Stored[]> {
    const ids = new Set((await this.store.getMany(keys.flatMap((k) => this.slotKeys(k)))).filter((id): id is string => !!id && id !== self));
    const list = [...ids];
    // Entries and their order in one round trip.
    const raw = await this.store.getMany([...list.map((id) => this.entryKey(id)), ...list.map((id) => this.seqKey(id))]);
    const out: Stored[] = [];
    list.forEach((_, i) => {
      const e = parseStored(raw[i], raw[list.length + i]);
      if (e) out.push(e);
    });
    return out;
  }

  /**
   * The matching candidates ordered before `self`. A candidate still between its write and its seq is waited for
   * briefly (it is ordered within a round trip); one whose replica died before ordering it counts as later.
   */
  private async earlier(self: Ordered, matching: readonly Stored[]): Promise<Ordered[]> {
    const out: Ordered[] = [];
    let pending = matching;
    const deadline = Date.now() + this.claimWaitMs;
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      for (const c of pending) if (c.seq !== null && before(c as Ordered, self)) out.push(c as Ordered);
      pending = pending.filter((c) => c.seq === null);
      if (pending.length === 0 || Date.now() >= deadline) return out;
      await new Promise((r) => setTimeout(r, delay));
      const seqs = await this.store.getMany(pending.map((c) => this.seqKey(c.id)));
      pending = pending.map((c, i) => ({ ...c, seq: seqOf(seqs[i]) }));
    }
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
function before(a: Ordered, b: Ordered): boolean {
  return a.seq < b.seq || (a.seq === b.seq && a.id < b.id);
}

function seqOf(raw: string | null): number | null {
  const n = raw === null ? NaN : Number(raw);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Store contents are untrusted: a corrupt entry is no candidate. The order is its own key; entries written before
 * it moved there carry it inside (`seq`), which still counts.
 */
function parseStored(raw: string | null, seqRaw: string | null = null): Stored | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as { seq?: unknown };
    const e = parseSyndicationEntry(v);
    if (!e || (v.seq !== undefined && v.seq !== null && typeof v.seq !== 'number')) return null;
    return { ...e, seq: seqOf(seqRaw) ?? (typeof v.seq === 'number' ? v.seq : null) };
  } catch {
    return null;
  }
}

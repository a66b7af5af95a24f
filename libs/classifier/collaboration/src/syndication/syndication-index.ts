import { nameKey } from '../entities/matcher';
import { minhash, similarity } from './minhash';

export interface SyndicationDoc {
  id: string;
  title: string;
  text: string;
  /** Party names (canonical) from the classification. */
  parties: readonly (string | { name: string })[];
  /** ISO date or date-time; missing dates are allowed but need stronger text evidence. */
  published?: string | null;
  /** The classification's event type: a rewrite about the same parties must also be the same kind of news. */
  eventType?: string;
}

export interface SyndicationResult {
  clusterId: string;
  isNew: boolean;
  /** The best match that decided the join, for the audit trail. */
  matchedId?: string;
  similarity?: number;
}

interface Entry {
  id: string;
  clusterId: string;
  sig: number[];
  parties: string[];
  at: number | null;
  eventType?: string;
  /** Money figures mentioned, in millions: two deals between the same parties differ in their terms. */
  amounts: number[];
}

/** Plain JSON: the service persists it (Redis) and passes it back in. */
export interface SyndicationState {
  version: 1;
  entries: Entry[];
}

export interface SyndicationOptions {
  numHashes?: number;
  /** Copies further apart than this are different news, however similar. */
  windowDays?: number;
  /** Near-identical text: the same release re-posted. */
  textThreshold?: number;
  /** Rewritten text about the same parties: a trade-press rewrite. */
  partyTextThreshold?: number;
  maxEntries?: number;
}

const DAY_MS = 86_400_000;

function partyKeys(parties: SyndicationDoc['parties']): string[] {
  return [...new Set(parties.map((p) => nameKey(typeof p === 'string' ? p : p.name)).filter((k) => k.length > 0))].sort();
}

function sameParties(a: readonly string[], b: readonly string[]): boolean {
  if (a.length < 2 || b.length < 2) return false;
  const overlap = a.filter((k) => b.includes(k)).length;
  return overlap >= 2 && overlap >= Math.min(a.length, b.length) - 1;
}

const MONEY = /(?:US\$|[$€£¥])\s?(\d+(?:[.,]\d+)?)\s?(million|billion|bn|mn|m|b)?\b/gi;

function amountsIn(text: string): number[] {
  const out = new Set<number>();
  for (const m of text.matchAll(MONEY)) {
    const unit = (m[2] ?? '').toLowerCase();
    const value = Number(m[1].replace(',', '.')) * (unit.startsWith('b') ? 1000 : 1);
    if (unit && Number.isFinite(value)) out.add(Math.round(value * 10) / 10);
  }
  return [...out];
}

function termsCompatible(a: readonly number[], b: readonly number[]): boolean {
  return a.length === 0 || b.length === 0 || a.some((x) => b.includes(x));
}

function timeOf(published: string | null | undefined): number | null {
  if (!published) return null;
  const t = Date.parse(published);
  return Number.isFinite(t) ? t : null;
}

/**
 * Near-duplicate detection for syndicated copies: MinHash over word 3-shingles of title and text, plus the same
 * parties within a time window. Pure and in-memory; state goes in and out as JSON.
 */
export class SyndicationIndex {
  private readonly entries: Entry[];
  private readonly opts: Required<SyndicationOptions>;

  constructor(state?: SyndicationState | null, opts: SyndicationOptions = {}) {
    this.entries = state?.version === 1 && Array.isArray(state.entries) ? [...state.entries] : [];
    this.opts = {
      numHashes: opts.numHashes ?? 128,
      windowDays: opts.windowDays ?? 7,
      textThreshold: opts.textThreshold ?? 0.22,
      partyTextThreshold: opts.partyTextThreshold ?? 0.02,
      maxEntries: opts.maxEntries ?? 20_000,
    };
  }

  add(doc: SyndicationDoc): SyndicationResult {
    const existing = this.entries.find((e) => e.id === doc.id);
    if (existing) return { clusterId: existing.clusterId, isNew: false, matchedId: existing.id, similarity: 1 };

    const sig = minhash(`${doc.title} ${doc.text}`, this.opts.numHashes);
    const parties = partyKeys(doc.parties);
    const at = timeOf(doc.published);
    const amounts = amountsIn(`${doc.title} ${doc.text}`);
    let best: { entry: Entry; sim: number } | null = null;
    for (const e of this.entries) {
      const bothDated = at !== null && e.at !== null;
      if (bothDated && Math.abs(at - e.at!) > this.opts.windowDays * DAY_MS) continue;
      const sim = similarity(sig, e.sig);
      const partyThreshold = bothDated ? this.opts.partyTextThreshold : this.opts.partyTextThreshold * 1.5;
      const sameKind = !doc.eventType || !e.eventType || doc.eventType === e.eventType;
      const sameNews = sameKind && termsCompatible(amounts, e.amounts ?? []);
      // Verbatim copies join whatever the labels say; looser matches must also be the same kind of news and terms.
      const joins = sim >= 0.5 || (sameNews && sim >= this.opts.textThreshold) || (sameNews && sameParties(parties, e.parties) && sim >= partyThreshold);
      if (joins && (!best || sim > best.sim)) best = { entry: e, sim };
    }
    const clusterId = best ? best.entry.clusterId : doc.id;
    this.entries.push({ id: doc.id, clusterId, sig, parties, at, eventType: doc.eventType, amounts });
    if (this.entries.length > this.opts.maxEntries) this.entries.splice(0, this.entries.length - this.opts.maxEntries);
    return best ? { clusterId, isNew: false, matchedId: best.entry.id, similarity: best.sim } : { clusterId, isNew: true };
  }

  toState(): SyndicationState {
    return { version: 1, entries: [...this.entries] };
  }
}

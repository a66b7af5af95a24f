import {
  bestMatch, ResolvedSyndicationOptions, SyndicationDoc, SyndicationEntry, syndicationEntry, syndicationKeys, SyndicationOptions, syndicationOptions,
} from './join';

export interface SyndicationResult {
  clusterId: string;
  isNew: boolean;
  /** The best match that decided the join, for the audit trail. */
  matchedId?: string;
  similarity?: number;
}

/**
 * Near-duplicate detection for syndicated copies, in memory: the same keys and join decision as the
 * service's Redis-backed store, for evaluation and tests. Candidates are found by key (LSH bands, parties),
 * never by scanning every entry.
 */
export class SyndicationIndex {
  private readonly entries = new Map<string, { entry: SyndicationEntry; clusterId: string }>();
  private readonly byKey = new Map<string, string[]>();
  private readonly opts: ResolvedSyndicationOptions;

  constructor(opts: SyndicationOptions = {}) {
    this.opts = syndicationOptions(opts);
  }

  add(doc: SyndicationDoc): SyndicationResult {
    const existing = this.entries.get(doc.id);
    if (existing) return { clusterId: existing.clusterId, isNew: false, matchedId: doc.id, similarity: 1 };
    const entry = syndicationEntry(doc, this.opts);
    const keys = syndicationKeys(entry, this.opts);
    const candidates = new Set<string>();
    for (const k of keys) for (const id of this.byKey.get(k) ?? []) candidates.add(id);
    const best = bestMatch(entry, [...candidates].map((id) => this.entries.get(id)!.entry), this.opts);
    const clusterId = best ? this.entries.get(best.entry.id)!.clusterId : doc.id;
    this.entries.set(doc.id, { entry, clusterId });
    for (const k of keys) this.byKey.set(k, [...(this.byKey.get(k) ?? []), doc.id]);
    return best ? { clusterId, isNew: false, matchedId: best.entry.id, similarity: best.similarity } : { clusterId, isNew: true };
  }
}

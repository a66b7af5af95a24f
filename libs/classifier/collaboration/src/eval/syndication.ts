import { SyndicationIndex, type SyndicationOptions } from '../syndication';
import type { ClassifyFn, LabelledRecord } from './types';

export interface SyndicationReport {
  /** Records that name an original with dup_of, where the original is in the set. */
  dupPairs: number;
  joinedDupPairs: number;
  /** Pairs put in one cluster that dup_of does not link (directly or through a chain). */
  falseJoinPairs: number;
  clusters: number;
  falseJoins: { a: string; b: string }[];
}

/** Feeds records in date order (undated ones last, in file order) through a fresh SyndicationIndex and scores it. */
export function evaluateSyndication(records: readonly LabelledRecord[], classifyFn: ClassifyFn, opts?: SyndicationOptions): SyndicationReport {
  const byId = new Map(records.map((r) => [r.id, r]));
  const root = (id: string): string => {
    let cur = id;
    for (let hops = 0; hops < 20; hops++) {
      const next = byId.get(cur)?.dup_of;
      if (!next || !byId.has(next)) return cur;
      cur = next;
    }
    return cur;
  };
  const ordered = records.map((r, i) => ({ r, i })).sort((x, y) => {
    const dx = x.r.date ? Date.parse(x.r.date) : NaN;
    const dy = y.r.date ? Date.parse(y.r.date) : NaN;
    if (Number.isFinite(dx) && Number.isFinite(dy) && dx !== dy) return dx - dy;
    if (Number.isFinite(dx) !== Number.isFinite(dy)) return Number.isFinite(dx) ? -1 : 1;
    return x.i - y.i;
  });
  const index = new SyndicationIndex(opts);
  const cluster = new Map<string, string>();
  for (const { r } of ordered) {
    const c = classifyFn({ title: r.title, text: r.text });
    cluster.set(r.id, index.add({ id: r.id, title: r.title, text: r.text, parties: c.parties, published: r.date ?? null, eventType: c.event_type }).clusterId);
  }
  let dupPairs = 0;
  let joinedDupPairs = 0;
  for (const r of records) {
    if (!r.dup_of || !byId.has(r.dup_of)) continue;
    dupPairs++;
    if (cluster.get(r.id) === cluster.get(r.dup_of)) joinedDupPairs++;
  }
  const members = new Map<string, string[]>();
  for (const [id, c] of cluster) members.set(c, [...(members.get(c) ?? []), id]);
  const falseJoins: { a: string; b: string }[] = [];
  for (const ids of members.values()) {
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) {
      if (root(ids[i]) !== root(ids[j])) falseJoins.push({ a: ids[i], b: ids[j] });
    }
  }
  return { dupPairs, joinedDupPairs, falseJoinPairs: falseJoins.length, clusters: members.size, falseJoins };
}

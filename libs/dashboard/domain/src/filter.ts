import { collaborationDate, headlineAmount, type CollaborationView } from './collaboration';
import type { CollaborationQuery } from './query';

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const words = (s: string) => fold(s).split(/\s+/).filter(Boolean);
const anyOf = (wanted: readonly string[], have: readonly string[]) => {
  if (!wanted.length) return true;
  const set = new Set(have.map(fold));
  return wanted.some((w) => set.has(fold(w)));
};

/** Whether one collaboration passes every criterion of the query (pagination aside). */
export function matchesQuery(c: CollaborationView, q: CollaborationQuery): boolean {
  if (q.q) {
    const hay = fold([c.title, c.evidence, ...c.parties.map((p) => p.name)].join('\n'));
    if (!words(q.q).every((w) => hay.includes(w))) return false;
  }
  if (q.party) {
    const want = fold(q.party);
    if (!c.parties.some((p) => fold(p.name).includes(want))) return false;
  }
  if (!anyOf(q.partyTypes, c.parties.map((p) => p.type))) return false;
  if (!anyOf(q.dealTypes, [c.eventType])) return false;
  if (!anyOf(q.areas, c.therapeuticAreas)) return false;
  if (!anyOf(q.geographies, c.geographies)) return false;
  const amount = headlineAmount(c.financialTerms);
  if (q.money === 'disclosed' && amount === null) return false;
  if (q.money === 'undisclosed' && amount !== null) return false;
  if (q.minAmount !== undefined && (amount === null || amount < q.minAmount)) return false;
  const day = new Date(collaborationDate(c)).toISOString().slice(0, 10);
  if (q.from && day < q.from) return false;
  if (q.to && day > q.to) return false;
  if (q.minConfidence !== undefined && c.confidence < q.minConfidence) return false;
  return true;
}

export interface Page<T> {
  total: number;
  items: T[];
}

/** Everything that matches, in the given order (newest first), and the requested page of it. */
export function applyQuery(all: readonly CollaborationView[], q: CollaborationQuery): { matching: CollaborationView[]; page: Page<CollaborationView> } {
  const matching = all.filter((c) => matchesQuery(c, q));
  return { matching, page: { total: matching.length, items: matching.slice(q.offset, q.offset + q.limit) } };
}

/** The values present in the data for each list filter, most frequent first: what the filter form offers. */
export function facets(all: readonly CollaborationView[]) {
  const count = (values: Iterable<string>) => {
    const m = new Map<string, number>();
    for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value, n]) => ({ value, count: n }));
  };
  return {
    dealTypes: count(all.map((c) => c.eventType)),
    partyTypes: count(all.flatMap((c) => [...new Set(c.parties.map((p) => p.type))])),
    areas: count(all.flatMap((c) => c.therapeuticAreas)),
    geographies: count(all.flatMap((c) => c.geographies)),
  };
}
export type Facets = ReturnType<typeof facets>;

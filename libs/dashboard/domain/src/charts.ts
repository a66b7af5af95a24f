import { collaborationDate, type CollaborationView } from './collaboration';

export interface MonthSeries {
  /** YYYY-MM, oldest first, every month between the first and the last (empty months included). */
  months: string[];
  /** One series per key (deal type, area), largest total first; counts align with `months`. */
  series: Array<{ key: string; counts: number[]; total: number }>;
}

export interface Ranked {
  key: string;
  count: number;
}

export interface ChartData {
  byDealType: MonthSeries;
  byArea: MonthSeries;
  topPartners: Ranked[];
  partnerTypes: Ranked[];
}

const month = (c: CollaborationView) => new Date(collaborationDate(c)).toISOString().slice(0, 7);

function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** Counts per month and key; a collaboration with several keys (areas) counts once under each. */
export function perMonth(all: readonly CollaborationView[], keysOf: (c: CollaborationView) => string[], maxSeries = 8): MonthSeries {
  if (!all.length) return { months: [], series: [] };
  const ms = all.map(month).sort();
  const months = monthRange(ms[0], ms[ms.length - 1]);
  const index = new Map(months.map((m, i) => [m, i]));
  const byKey = new Map<string, number[]>();
  for (const c of all) {
    const keys = keysOf(c);
    for (const k of keys.length ? keys : ['(none)']) {
      const counts = byKey.get(k) ?? months.map(() => 0);
      counts[index.get(month(c)) as number]++;
      byKey.set(k, counts);
    }
  }
  const series = [...byKey].map(([key, counts]) => ({ key, counts, total: counts.reduce((a, b) => a + b, 0) })).sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  if (series.length <= maxSeries) return { months, series };
  // The tail folds into one series, so a chart keeps a readable legend and no count is lost.
  const rest = series.slice(maxSeries - 1);
  const other = { key: 'other', counts: months.map((_, i) => rest.reduce((a, s) => a + s.counts[i], 0)), total: rest.reduce((a, s) => a + s.total, 0) };
  return { months, series: [...series.slice(0, maxSeries - 1), other] };
}

function rank(values: Iterable<string>, top: number): Ranked[] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)).slice(0, top);
}

/** What the charts draw, from the collaborations that match the current filter. */
export function chartData(all: readonly CollaborationView[]): ChartData {
  return {
    byDealType: perMonth(all, (c) => [c.eventType]),
    byArea: perMonth(all, (c) => c.therapeuticAreas),
    // A party counts once per announcement, however often it is named.
    topPartners: rank(all.flatMap((c) => [...new Set(c.parties.map((p) => p.name))]), 10),
    partnerTypes: rank(all.flatMap((c) => c.parties.map((p) => p.type)), 10),
  };
}

import type { CalibrationBin, EvalReport, PRF } from './evaluate';

const f3 = (x: number) => x.toFixed(3);
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

function prfLine(name: string, m: PRF): string {
  return `${pad(name, 22)} P ${f3(m.precision)}  R ${f3(m.recall)}  F1 ${f3(m.f1)}  (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`;
}

function binTable(title: string, bins: readonly CalibrationBin[], what: string): string[] {
  const lines = [title, `  ${pad('confidence', 14)}${lpad('n', 5)}${lpad('mean conf', 11)}${lpad(what, 11)}`];
  for (const b of bins) {
    lines.push(`  ${pad(`[${b.from.toFixed(2)}, ${b.to.toFixed(2)}${b.to >= 1 ? ']' : ')'}`, 14)}${lpad(String(b.count), 5)}${lpad(f3(b.meanConfidence), 11)}${lpad(f3(b.accuracy), 11)}`);
  }
  return lines;
}

function headline(r: EvalReport): string[] {
  return [
    prfLine('is_rd_collaboration', r.flag) + `  tn ${r.flag.tn}  acc ${f3(r.flag.accuracy)}`,
    prfLine('parties (gold +)', r.parties) + `  type acc ${f3(r.partyTypeAccuracy)}`,
    `${pad('deal type (gold +)', 22)} acc ${f3(r.dealTypeAccuracy)}  (on flagged positives ${f3(r.dealTypeAccuracyOnFlagged)}; the second labeller's type counts too)`,
  ];
}

/** The aggregate lines only: for a holdout, which is never read item by item, and for cross-validation summaries. */
export function formatSummary(r: EvalReport, header: string): string {
  return [`${header}: records ${r.records}, borderline skipped ${r.borderlineSkipped}`, ...headline(r).map((l) => `  ${l}`)].join('\n') + '\n';
}

/** Misclassified items counted by kind and category ("false_positive / gold commercial_deal"). */
export function errorCategories(r: EvalReport): [string, number][] {
  const counts = new Map<string, number>();
  for (const m of r.misclassified) {
    const key = m.kind === 'false_negative' ? `${m.kind} / read as ${m.predictedEventType}` : m.kind === 'false_positive'
      ? `${m.kind} / gold ${m.goldEventType ?? '-'}` : `${m.kind} / ${m.goldEventType ?? '-'} as ${m.predictedEventType}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Plain-text report for a terminal or a README. */
export function formatReport(r: EvalReport, header = 'Pharma Radar classifier eval', opts: { items?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push(header, `records ${r.records}  (borderline skipped for the flag: ${r.borderlineSkipped})`, '');
  lines.push(...headline(r));
  const areas = r.therapeuticAreas;
  lines.push(areas.tp + areas.fp + areas.fn === 0 ? `${pad('therapeutic areas', 22)} not labelled in this set` : prfLine('therapeutic areas', areas));
  lines.push(`${pad('financial terms', 22)} gold-with-terms ${r.financial.goldWithTerms}, found ${r.financial.predictedWithTerms}; undisclosed ${r.financial.undisclosedFound}/${r.financial.undisclosedGold}`);
  const byRole = Object.entries(r.roles.byRole).sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(', ');
  lines.push(`${pad('party roles (flags)', 22)} ${r.roles.withRole} of ${r.roles.parties} parties${byRole ? ` (${byRole})` : ''}; no gold roles in the set, coverage only`);
  lines.push('');

  const gold = Object.keys(r.confusion).sort();
  const predicted = [...new Set(gold.flatMap((g) => Object.keys(r.confusion[g])))].sort();
  lines.push('confusion by event_type (rows gold, columns predicted)');
  const w = 6;
  lines.push(`  ${pad('', 24)}${predicted.map((p) => lpad(p.slice(0, w - 1), w)).join('')}`);
  for (const g of gold) {
    lines.push(`  ${pad(g, 24)}${predicted.map((p) => lpad(String(r.confusion[g][p] ?? '.'), w)).join('')}`);
  }
  lines.push(`  columns: ${predicted.join(', ')}`, '');

  lines.push(...binTable('calibration, all decisions (accuracy of the flag decision)', r.calibration, 'accuracy'), '');
  lines.push(...binTable('calibration, flags only (share that are collaborations)', r.calibrationFlags, 'precision'), '');

  lines.push('errors by category');
  for (const [category, n] of errorCategories(r)) lines.push(`  ${lpad(String(n), 4)}  ${category}`);
  lines.push('');
  if (opts.items === false) return lines.join('\n') + '\n';
  lines.push(`misclassified (${r.misclassified.length})`);
  for (const m of r.misclassified) {
    lines.push(`  ${pad(m.id, 8)} ${pad(m.kind, 17)} gold ${m.goldEventType ?? '-'} → ${m.predictedEventType} @${m.confidence.toFixed(2)}  ${m.title}`);
  }
  return lines.join('\n') + '\n';
}

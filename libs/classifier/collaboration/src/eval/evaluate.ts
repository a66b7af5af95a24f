import type { Classification } from '@pharma-radar/contracts';
import { nameKey } from '../entities/matcher';
import type { ClassifyFn, LabelledRecord } from './types';

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface CalibrationBin {
  from: number;
  to: number;
  count: number;
  correct: number;
  meanConfidence: number;
  accuracy: number;
}

export interface Misclassified {
  id: string;
  title: string;
  kind: 'false_positive' | 'false_negative' | 'wrong_event_type';
  goldEventType: string | null;
  predictedEventType: string;
  confidence: number;
  evidence: string;
}

export interface EvalReport {
  records: number;
  /** Items marked borderline are counted neither right nor wrong for the flag. */
  borderlineSkipped: number;
  flag: PRF & { tn: number; accuracy: number };
  /** gold event_type → predicted event_type → count. */
  confusion: Record<string, Record<string, number>>;
  /** Over gold positives: names compared by nameKey(canonical(name)). */
  parties: PRF;
  partyTypeAccuracy: number;
  /** Share of gold positives whose predicted event_type equals the gold one (a missed flag counts as wrong). */
  dealTypeAccuracy: number;
  /** The same, over true positives only. */
  dealTypeAccuracyOnFlagged: number;
  therapeuticAreas: PRF;
  financial: { goldWithTerms: number; predictedWithTerms: number; undisclosedGold: number; undisclosedFound: number };
  /** Roles on the parties of flagged records; the labelled sets carry no gold roles, so this is coverage, not accuracy. */
  roles: { parties: number; withRole: number; byRole: Record<string, number> };
  /** All decisions, binned by confidence: accuracy of the flag decision. */
  calibration: CalibrationBin[];
  /** Flags only (is_rd_collaboration true): precision per confidence bin. */
  calibrationFlags: CalibrationBin[];
  misclassified: Misclassified[];
}

export interface EvaluateOptions {
  /** Maps an alias to its canonical name before comparing parties (default: identity). */
  canonical?: (name: string) => string;
  bins?: readonly number[];
  /** Classifications made elsewhere (cross-validation folds), by record id; classifyFn covers the rest. */
  classifications?: ReadonlyMap<string, Classification>;
}

const TRAILING_ALIAS = /\s*\([^()]{1,40}\)\s*$/;
const DEFAULT_BINS = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0000001];

function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

function binsOf(points: readonly { confidence: number; correct: boolean }[], edges: readonly number[]): CalibrationBin[] {
  const out: CalibrationBin[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const inBin = points.filter((p) => p.confidence >= edges[i] && p.confidence < edges[i + 1]);
    if (inBin.length === 0) continue;
    const correct = inBin.filter((p) => p.correct).length;
    out.push({
      from: edges[i], to: Math.min(1, edges[i + 1]), count: inBin.length, correct,
      meanConfidence: inBin.reduce((s, p) => s + p.confidence, 0) / inBin.length,
      accuracy: correct / inBin.length,
    });
  }
  return out;
}

/** Pure: runs classifyFn over labelled records and scores it. */
const areaKey = (area: string) => area.toLowerCase().replace(/[_-]+/g, ' ').trim();

export function evaluate(records: readonly LabelledRecord[], classifyFn: ClassifyFn, opts: EvaluateOptions = {}): EvalReport {
  const canonical = opts.canonical ?? ((n: string) => n);
  // A gold name may carry its short form in brackets ("Hutchison China MediTech (Chi-Med)"): the name is what compares.
  const key = (n: string) => nameKey(canonical(n.replace(TRAILING_ALIAS, '')));
  let tp = 0, fp = 0, fn = 0, tn = 0, borderlineSkipped = 0;
  let ptp = 0, pfp = 0, pfn = 0, typeMatches = 0, typeTotal = 0;
  let atp = 0, afp = 0, afn = 0;
  let goldPositives = 0, dealTypeRight = 0, flaggedPositives = 0, dealTypeRightFlagged = 0;
  const financial = { goldWithTerms: 0, predictedWithTerms: 0, undisclosedGold: 0, undisclosedFound: 0 };
  const roles = { parties: 0, withRole: 0, byRole: {} as Record<string, number> };
  const confusion: Record<string, Record<string, number>> = {};
  const points: { confidence: number; correct: boolean }[] = [];
  const flagPoints: { confidence: number; correct: boolean }[] = [];
  const misclassified: Misclassified[] = [];

  for (const r of records) {
    const c: Classification = opts.classifications?.get(r.id) ?? classifyFn({ title: r.title, text: r.text, url: r.url, source: r.source });
    const gold = r.label === 'rd_collaboration';
    const goldType = r.event_type ?? (gold ? 'research_collaboration' : 'other');
    // Where the two labellers gave different deal types, either is right.
    const typeRight = (t: string) => t === goldType || (!!r.event_type_alt && t === r.event_type_alt);
    confusion[goldType] ??= {};
    confusion[goldType][c.event_type] = (confusion[goldType][c.event_type] ?? 0) + 1;

    const miss = (kind: Misclassified['kind']) => misclassified.push({
      id: r.id, title: r.title.slice(0, 160), kind, goldEventType: r.event_type ?? null,
      predictedEventType: c.event_type, confidence: c.confidence, evidence: c.evidence.slice(0, 240),
    });

    if (r.borderline) {
      borderlineSkipped++;
    } else {
      if (gold && c.is_rd_collaboration) tp++;
      else if (!gold && c.is_rd_collaboration) { fp++; miss('false_positive'); }
      else if (gold && !c.is_rd_collaboration) { fn++; miss('false_negative'); }
      else tn++;
      const correct = gold === c.is_rd_collaboration;
      points.push({ confidence: c.confidence, correct });
      if (c.is_rd_collaboration) flagPoints.push({ confidence: c.confidence, correct });
    }

    if (!gold) continue;
    goldPositives++;
    if (typeRight(c.event_type)) dealTypeRight++;
    if (c.is_rd_collaboration) {
      flaggedPositives++;
      if (typeRight(c.event_type)) dealTypeRightFlagged++;
      else miss('wrong_event_type');
    }

    const goldTypes = new Map<string, string | undefined>();
    r.parties.forEach((p, i) => goldTypes.set(key(p), r.partner_types?.[i]));
    const predicted = new Map<string, string>();
    for (const p of c.parties) predicted.set(key(p.name), p.type);
    for (const [k, t] of predicted) {
      if (goldTypes.has(k)) {
        ptp++;
        const gt = goldTypes.get(k);
        if (gt) { typeTotal++; if (gt === t) typeMatches++; }
      } else pfp++;
    }
    for (const k of goldTypes.keys()) if (!predicted.has(k)) pfn++;

    // A record without area labels says nothing about areas; it is not a record whose areas are all wrong.
    if (r.therapeutic_areas !== null) {
      // Label sets write areas as "infectious disease" or "infectious_disease": compare the words.
      const goldAreas = new Set((r.therapeutic_areas ?? []).map(areaKey));
      const predAreas = new Set(c.therapeutic_areas.map(areaKey));
      for (const a of predAreas) if (goldAreas.has(a)) atp++; else afp++;
      for (const a of goldAreas) if (!predAreas.has(a)) afn++;
    }

    if (c.is_rd_collaboration) {
      for (const p of c.parties) {
        roles.parties++;
        if (!p.role) continue;
        roles.withRole++;
        roles.byRole[p.role] = (roles.byRole[p.role] ?? 0) + 1;
      }
    }

    if (r.financial_terms) {
      financial.goldWithTerms++;
      // A stated term (money, royalties or an explicit "not disclosed"), not the default for a flag that names none.
      if (c.financial_terms?.text) financial.predictedWithTerms++;
      if (/undisclosed/i.test(r.financial_terms)) {
        financial.undisclosedGold++;
        if (c.financial_terms?.undisclosed) financial.undisclosedFound++;
      }
    }
  }

  const flag = prf(tp, fp, fn);
  return {
    records: records.length,
    borderlineSkipped,
    flag: { ...flag, tn, accuracy: (tp + tn) / Math.max(1, tp + tn + fp + fn) },
    confusion,
    parties: prf(ptp, pfp, pfn),
    partyTypeAccuracy: typeTotal === 0 ? 1 : typeMatches / typeTotal,
    dealTypeAccuracy: goldPositives === 0 ? 1 : dealTypeRight / goldPositives,
    dealTypeAccuracyOnFlagged: flaggedPositives === 0 ? 1 : dealTypeRightFlagged / flaggedPositives,
    therapeuticAreas: prf(atp, afp, afn),
    financial,
    roles,
    calibration: binsOf(points, opts.bins ?? DEFAULT_BINS),
    calibrationFlags: binsOf(flagPoints, opts.bins ?? DEFAULT_BINS),
    misclassified,
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLabelledRecord } from '../eval/types';
import { MODEL_VERSION } from '../model-version';
import { CollaborationClassifier } from '../classifier';
import { crossValidate, DEFAULT_CONFIG, featureTable, fitWeights, type TrainingRecord } from './training';
import WEIGHTS from './weights.json';

// Our own invented leads: small enough for a unit test, real enough to train on.
function invented(file: string, set: string): TrainingRecord[] {
  return readFileSync(join(__dirname, '../eval/__fixtures__', file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
    const parsed = parseLabelledRecord(JSON.parse(l));
    if (!parsed.ok) throw new Error(parsed.error);
    return { ...parsed.record, id: `${set}/${parsed.record.id}`, dup_of: null, set };
  });
}

describe('training', () => {
  const records = [...invented('invented-leads-3.jsonl', 'invented-3'), ...invented('invented-leads-6.jsonl', 'invented-6')];
  const cfg = { ...DEFAULT_CONFIG, inventedWeight: 1, train: { ...DEFAULT_CONFIG.train, iterations: 80 } };
  const table = featureTable(records, cfg.features);

  it('should produce the same weights when run twice (deterministic)', () => {
    expect(fitWeights(records, table, cfg)).toEqual(fitWeights(records, table, cfg));
  });

  it('should classify items it never saw better than chance in cross-validation', () => {
    const cv = crossValidate(records, table, 3, cfg);
    const judged = records.filter((r) => cv.has(r.id));
    expect(judged).toHaveLength(records.length);
    const right = judged.filter((r) => cv.get(r.id)?.is_rd_collaboration === (r.label === 'rd_collaboration')).length;
    expect(right / judged.length).toBeGreaterThan(0.8);
  });

  it('should give a flag the evidence and the features that decided it', () => {
    const clf = new CollaborationClassifier({ weights: fitWeights(records, table, cfg) });
    const flagged = records.map((r) => clf.classify(r)).find((c) => c.is_rd_collaboration);
    expect(flagged?.evidence.length).toBeGreaterThan(0);
    expect(flagged?.why?.length).toBeGreaterThan(0);
    expect(flagged?.why?.every((w) => w.weight > 0)).toBe(true);
  });
});

describe('committed weights', () => {
  it('should carry the model version the classifier reports, so caches never mix two models', () => {
    expect(WEIGHTS.modelVersion).toBe(MODEL_VERSION);
  });
});

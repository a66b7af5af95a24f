import type { Classification } from '@pharma-radar/contracts';
import { CollaborationClassifier } from '../classifier';
import { storyFolds } from '../eval/stories';
import type { LabelledRecord } from '../eval/types';
import { MODEL_VERSION } from '../model-version';
import type { Features, FeatureOptions } from './features';
import type { WeightsFile } from './learned';
import { DEFAULT_TRAIN, fitPlatt, margin, trainLogistic, type Example, type TrainOptions } from './logistic';

/** A labelled record with the set it came from ("dev", "dev-2", "invented-5"), which sets its sample weight. */
export interface TrainingRecord extends LabelledRecord {
  set: string;
}

export interface TrainingConfig {
  features: FeatureOptions;
  train: TrainOptions;
  /** Sample weight of the invented sets relative to real news (1). */
  inventedWeight: number;
  /** Sample weight of an item whose two labels disagree or that its labeller marked a hard call. */
  borderlineWeight: number;
  /** Folds of the inner cross-validation whose out-of-fold margins calibrate the probability. */
  calibrationFolds: number;
  threshold: number;
  /**
   * Sample weight of each record's headline alone, as a second example: feeds often carry no more than a headline,
   * and without such examples the model never learns that a body is not required.
   */
  headlineWeight: number;
}

export const DEFAULT_CONFIG: TrainingConfig = {
  features: { ngrams: true, ruleTotal: false, leadNgrams: true },
  train: { ...DEFAULT_TRAIN, l2: 0.002 },
  inventedWeight: 0.5,
  borderlineWeight: 0.3,
  calibrationFolds: 5,
  threshold: 0.5,
  headlineWeight: 0.3,
};

/** Features of every record, computed once: they depend on the rules and the feature options, never on weights. */
export interface FeatureTable {
  features: Map<string, Features | null>;
  /** Features of the headline alone, for records that have a body. */
  headline: Map<string, Features | null>;
}

export function featureTable(records: readonly TrainingRecord[], opts: FeatureOptions): FeatureTable {
  const probe = new CollaborationClassifier({ weights: probeWeights(opts) });
  return {
    features: new Map(records.map((r) => [r.id, probe.features(r)])),
    headline: new Map(records.filter((r) => r.text.trim().length > 0).map((r) => [r.id, probe.features({ title: r.title, text: '' })])),
  };
}

function probeWeights(features: FeatureOptions): WeightsFile {
  return { modelVersion: 'probe', features, model: { bias: 0, weights: {} }, platt: { a: 1, b: 0 }, threshold: 0.5, prefilteredConfidence: 0.5, trainedOn: {} };
}

const isInvented = (r: TrainingRecord) => r.set.startsWith('invented');

/** The set a labelled file trains as: 'dev', 'dev-2', 'invented-7' (invented-leads.jsonl is 'invented-1'). */
export function setNameOf(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.jsonl$/, '');
  const invented = /^invented-leads(?:-(\d+))?$/.exec(base);
  return invented ? `invented-${invented[1] ?? '1'}` : base;
}

/** Whether the committed weights saw this file in training: its scores are then fitted, not estimates. */
export function trainedOn(weights: WeightsFile, fileName: string): boolean {
  return Object.hasOwn(weights.trainedOn, setNameOf(fileName));
}

function weightOf(r: TrainingRecord, cfg: TrainingConfig): number {
  const base = isInvented(r) ? cfg.inventedWeight : 1;
  const disputed = r.borderline || (r.second_label != null && r.second_label !== r.label);
  return disputed ? base * cfg.borderlineWeight : base;
}

/** Examples in order, each with its record's id and whether its out-of-fold margin may calibrate the probability. */
function examplesOf(records: readonly TrainingRecord[], table: FeatureTable, cfg: TrainingConfig): { examples: Example[]; ids: string[]; calibrates: boolean[] } {
  const examples: Example[] = [];
  const ids: string[] = [];
  const calibrates: boolean[] = [];
  for (const r of records) {
    const x = table.features.get(r.id);
    if (!x) continue;
    const y = r.label === 'rd_collaboration' ? 1 : 0;
    // Invented items and headline copies calibrate nothing: the probability is meant for real news as it comes.
    examples.push({ x, y, w: weightOf(r, cfg) });
    ids.push(r.id);
    calibrates.push(!isInvented(r));
    const headline = table.headline.get(r.id);
    if (headline && cfg.headlineWeight > 0) {
      examples.push({ x: headline, y, w: weightOf(r, cfg) * cfg.headlineWeight });
      ids.push(r.id);
      calibrates.push(false);
    }
  }
  return { examples, ids, calibrates };
}

/**
 * Trains the learned decision on the records: logistic weights on all of them, and a Platt calibration fitted on the
 * margins of an inner, story-grouped cross-validation (so the probability is calibrated on items the weights never saw).
 */
export function fitWeights(records: readonly TrainingRecord[], table: FeatureTable, cfg: TrainingConfig = DEFAULT_CONFIG): WeightsFile {
  const { examples, ids, calibrates } = examplesOf(records, table, cfg);
  const folds = storyFolds(records, cfg.calibrationFolds, 'calibration');
  const heldOut: { margin: number; y: 0 | 1 }[] = [];
  for (let k = 0; k < cfg.calibrationFolds; k++) {
    const trainSet = examples.filter((_, i) => folds.get(ids[i]) !== k);
    if (trainSet.length === 0) continue;
    const model = trainLogistic(trainSet, cfg.train);
    examples.forEach((e, i) => {
      if (folds.get(ids[i]) === k && calibrates[i]) heldOut.push({ margin: margin(model, e.x), y: e.y });
    });
  }
  const model = trainLogistic(examples, cfg.train);
  const prefiltered = records.filter((r) => table.features.get(r.id) === null && !isInvented(r));
  const trueNegatives = prefiltered.filter((r) => r.label !== 'rd_collaboration').length;
  const sets: Record<string, number> = {};
  for (const r of records) sets[r.set] = (sets[r.set] ?? 0) + 1;
  return {
    modelVersion: MODEL_VERSION,
    features: cfg.features,
    model,
    platt: heldOut.length >= 10 ? fitPlatt(heldOut) : { a: 1, b: 0 },
    threshold: cfg.threshold,
    prefilteredConfidence: Math.round(((trueNegatives + 1) / (prefiltered.length + 2)) * 1000) / 1000,
    trainedOn: { ...sets, examples: examples.length, features: Object.keys(model.weights).length },
  };
}

/**
 * Story-grouped k-fold cross-validation of the whole learned classifier: each fold's items are classified by a model
 * trained (and calibrated) without them. The returned classifications feed the ordinary eval report.
 */
export function crossValidate(records: readonly TrainingRecord[], table: FeatureTable, k: number, cfg: TrainingConfig = DEFAULT_CONFIG): Map<string, Classification> {
  const folds = storyFolds(records, k, 'cv');
  const out = new Map<string, Classification>();
  for (let fold = 0; fold < k; fold++) {
    const trainSet = records.filter((r) => folds.get(r.id) !== fold);
    const testSet = records.filter((r) => folds.get(r.id) === fold);
    if (testSet.length === 0) continue;
    const classifier = new CollaborationClassifier({ weights: fitWeights(trainSet, table, cfg) });
    for (const r of testSet) out.set(r.id, classifier.classify(r));
  }
  return out;
}

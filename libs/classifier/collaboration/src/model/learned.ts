import { explainFeature } from './explain';
import type { Features, FeatureOptions } from './features';
import { margin, sigmoid, weightsOf, type LogisticModel, type Platt } from './logistic';

/** The committed output of `npm run train` (model/weights.json): data, not code. */
export interface WeightsFile {
  modelVersion: string;
  features: FeatureOptions;
  model: LogisticModel;
  platt: Platt;
  /** Flag when the calibrated probability reaches this. */
  threshold: number;
  /** Share of items the pre-filter rejected that were indeed not collaborations, on the training data (Laplace-smoothed). */
  prefilteredConfidence: number;
  /** Provenance and the cross-validated scores, for the README and the eval. */
  trainedOn: Record<string, number>;
  cv?: Record<string, unknown>;
}

/** One feature's share of the decision: weight × value, in log-odds. */
export interface Contribution {
  feature: string;
  weight: number;
  /** The feature in plain words, for alerts and the dashboard. */
  label: string;
}

export interface LearnedResult {
  probability: number;
  positive: boolean;
  /** Probability that the decision (flag or not) is right. */
  confidence: number;
  /** The few features that pushed hardest towards the decision taken. */
  why: Contribution[];
}

export class LearnedDecision {
  constructor(private readonly file: WeightsFile) {}

  get featureOptions(): FeatureOptions {
    return this.file.features;
  }

  get prefilteredConfidence(): number {
    return this.file.prefilteredConfidence;
  }

  decide(x: Features, top = 4): LearnedResult {
    const z = margin(this.file.model, x);
    const probability = sigmoid(this.file.platt.a * z + this.file.platt.b);
    const positive = probability >= this.file.threshold;
    const sign = positive ? 1 : -1;
    const why: Contribution[] = [];
    const weights = weightsOf(this.file.model);
    for (const [feature, v] of x) {
      const w = weights.get(feature);
      if (w !== undefined && w * v * sign > 0) why.push({ feature, weight: Math.round(w * v * 1000) / 1000, label: '' });
    }
    why.sort((a, b) => sign * (b.weight - a.weight) || (a.feature < b.feature ? -1 : 1));
    // Labels only for the few that are shown.
    const shown = why.slice(0, top).map((c) => ({ ...c, label: explainFeature(c.feature) }));
    return { probability, positive, confidence: positive ? probability : 1 - probability, why: shown };
  }
}

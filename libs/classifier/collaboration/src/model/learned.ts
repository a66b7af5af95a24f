import { explainFeature } from './explain';
import { NGRAM_PREFIXES, ngramName, type Features, type FeatureOptions, type FeatureSink } from './features';
import { sigmoid, weightsOf, type LogisticModel, type Platt } from './logistic';

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

/** An n-gram's weights under one prefix and first word: its own, and each bigram's by second word. */
interface NgramWeights {
  weight?: number;
  next?: Map<string, number>;
}

/** The n-gram weights by prefix and words, so that scoring an n-gram needs no name built and hashed. */
function ngramWeights(model: LogisticModel): Map<string, Map<string, NgramWeights>> {
  const byPrefix = new Map<string, Map<string, NgramWeights>>(NGRAM_PREFIXES.map((p) => [p, new Map()]));
  for (const [name, w] of Object.entries(model.weights)) {
    const colon = name.indexOf(':');
    const words = byPrefix.get(name.slice(0, colon));
    if (colon < 0 || !words) continue;
    const [first, second, more] = name.slice(colon + 1).split('_');
    if (more !== undefined) continue; // no n-gram has this name: words hold no `_`
    const entry = words.get(first) ?? {};
    words.set(first, entry);
    if (second === undefined) entry.weight = w;
    else (entry.next ??= new Map()).set(second, w);
  }
  return byPrefix;
}

/** The weighted features of one item in the order the vector holds them: what the margin and `why` read. */
class Terms {
  readonly names: string[] = [];
  readonly weights: number[] = [];
  readonly values: number[] = [];
  private readonly index = new Map<string, number>();

  /** As `Map.set`: a feature seen again keeps its place and takes the new value. */
  add(name: string, weight: number, value: number): void {
    const at = this.index.get(name);
    if (at !== undefined) {
      this.values[at] = value;
      return;
    }
    this.index.set(name, this.names.length);
    this.names.push(name);
    this.weights.push(weight);
    this.values.push(value);
  }
}

export class LearnedDecision {
  private readonly weights: Map<string, number>;
  private readonly ngrams: Map<string, Map<string, NgramWeights>>;

  constructor(private readonly file: WeightsFile) {
    this.weights = weightsOf(file.model);
    this.ngrams = ngramWeights(file.model);
  }

  get featureOptions(): FeatureOptions {
    return this.file.features;
  }

  get prefilteredConfidence(): number {
    return this.file.prefilteredConfidence;
  }

  decide(x: Features, top = 4): LearnedResult {
    const terms = new Terms();
    for (const [feature, v] of x) {
      const w = this.weights.get(feature);
      if (w !== undefined) terms.add(feature, w, v);
    }
    return this.conclude(terms, top);
  }

  /**
   * The same decision as `decide(featuresOf(...))`, with the features sent straight into the score by `emit`
   * (`emitFeatures`): only the weighted ones are named and kept, in the same order, so the sums are the same.
   */
  decideEmitted(emit: (sink: FeatureSink) => void, top = 4): LearnedResult {
    const terms = new Terms();
    emit({
      on: (name, value) => {
        const w = this.weights.get(name);
        if (w !== undefined) terms.add(name, w, value);
      },
      ngrams: (prefix, ws) => {
        const byFirst = this.ngrams.get(prefix);
        if (!byFirst) return;
        // forEachNgram's order, with one lookup per word for its unigram and the bigram it starts.
        for (let i = 0; i < ws.length; i++) {
          const entry = byFirst.get(ws[i]);
          if (entry === undefined) continue;
          if (entry.weight !== undefined) terms.add(ngramName(prefix, ws[i]), entry.weight, 1);
          const w = i + 1 < ws.length ? entry.next?.get(ws[i + 1]) : undefined;
          if (w !== undefined) terms.add(ngramName(prefix, ws[i], ws[i + 1]), w, 1);
        }
      },
    });
    return this.conclude(terms, top);
  }

  private conclude(terms: Terms, top: number): LearnedResult {
    const { names, weights, values } = terms;
    // The margin as `margin()` sums it: bias first, then each weighted feature in order.
    let z = this.file.model.bias;
    for (let i = 0; i < names.length; i++) z += weights[i] * values[i];
    const probability = sigmoid(this.file.platt.a * z + this.file.platt.b);
    const positive = probability >= this.file.threshold;
    const sign = positive ? 1 : -1;
    const why: Contribution[] = [];
    for (let i = 0; i < names.length; i++) {
      const wv = weights[i] * values[i];
      if (wv * sign > 0) why.push({ feature: names[i], weight: Math.round(wv * 1000) / 1000, label: '' });
    }
    why.sort((a, b) => sign * (b.weight - a.weight) || (a.feature < b.feature ? -1 : 1));
    // Labels only for the few that are shown.
    const shown = why.slice(0, top).map((c) => ({ ...c, label: explainFeature(c.feature) }));
    return { probability, positive, confidence: positive ? probability : 1 - probability, why: shown };
  }
}

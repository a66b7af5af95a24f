import { forEachNgram, ngramName, type Features, type FeatureSink } from './features';
import { LearnedDecision, type WeightsFile } from './learned';

const file: WeightsFile = {
  modelVersion: 'test', features: { ngrams: false }, model: { bias: -1, weights: { 'cue:new_joint_work@title': 2.5, 'cue:termination@title': -3, 'best:rd': 0.5 } },
  platt: { a: 1, b: 0 }, threshold: 0.5, prefilteredConfidence: 0.99, trainedOn: {},
};

describe('LearnedDecision', () => {
  const decision = new LearnedDecision(file);

  it('should flag and name the features that pushed towards the flag, strongest first', () => {
    const r = decision.decide(new Map([['cue:new_joint_work@title', 1], ['best:rd', 1], ['unknown', 1]]));
    expect(r.positive).toBe(true);
    expect(r.probability).toBeCloseTo(1 / (1 + Math.exp(-2)), 5);
    expect(r.why.map((w) => w.feature)).toEqual(['cue:new_joint_work@title', 'best:rd']);
  });

  it('should not flag, with the confidence of the negative, and name what pushed against', () => {
    const r = decision.decide(new Map([['cue:termination@title', 1], ['best:rd', 1]]));
    expect(r.positive).toBe(false);
    expect(r.confidence).toBeCloseTo(1 - 1 / (1 + Math.exp(3.5)), 5);
    expect(r.why).toEqual([{ feature: 'cue:termination@title', weight: -3, label: 'an ending deal, in the headline' }]);
  });

  it('should decide the same from features sent straight into the score as from the feature map', () => {
    const withNgrams = new LearnedDecision({
      ...file,
      model: { bias: -0.3, weights: { 'best:rd': 0.7, 'tw:research': 0.4, 'tw:research_deal': 1.1, 'tw:ORG_signs': 0.2, 'sw:ends': -2.4, 'sw:no_deal': -0.9 } },
    });
    const emit = (sink: FeatureSink) => {
      sink.on('best:rd', 1);
      sink.on('unknown', 1);
      sink.ngrams('tw', ['ORG', 'signs', 'research', 'deal', 'research', 'deal']);
      sink.ngrams('sw', ['it', 'ends', 'no', 'deal']);
    };
    const map: Features = new Map();
    emit({ on: (name, value) => map.set(name, value), ngrams: (prefix, ws) => forEachNgram(ws, (a, b) => map.set(ngramName(prefix, a, b), 1)) });
    const emitted = withNgrams.decideEmitted(emit);
    expect(emitted).toEqual(withNgrams.decide(map));
    expect(emitted.why.map((w) => w.feature)).toEqual(['sw:ends', 'sw:no_deal']);
  });
});


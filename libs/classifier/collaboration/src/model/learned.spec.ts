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
});

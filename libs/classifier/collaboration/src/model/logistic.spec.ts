import { fitPlatt, margin, sigmoid, trainLogistic, type Example } from './logistic';

const ex = (names: string[], y: 0 | 1, w = 1): Example => ({ x: new Map(names.map((n) => [n, 1])), y, w });

describe('trainLogistic', () => {
  const data: Example[] = [
    ...Array.from({ length: 20 }, () => ex(['deal', 'research'], 1)),
    ...Array.from({ length: 20 }, () => ex(['deal', 'supply'], 0)),
    ...Array.from({ length: 5 }, () => ex(['research'], 1)),
    ...Array.from({ length: 5 }, () => ex(['supply'], 0)),
  ];

  it('should give a cue of the positive class a positive weight and a cue of the negative class a negative one', () => {
    const model = trainLogistic(data, { l2: 0.001, minCount: 1, iterations: 200 });
    expect(model.weights.research).toBeGreaterThan(1);
    expect(model.weights.supply).toBeLessThan(-1);
    expect(sigmoid(margin(model, new Map([['deal', 1], ['research', 1]])))).toBeGreaterThan(0.9);
    expect(sigmoid(margin(model, new Map([['deal', 1], ['supply', 1]])))).toBeLessThan(0.1);
  });

  it('should be deterministic when trained twice on the same data', () => {
    const opts = { l2: 0.01, minCount: 1, iterations: 100 };
    expect(trainLogistic(data, opts)).toEqual(trainLogistic(data, opts));
  });

  it('should give no weight to a feature seen fewer times than minCount', () => {
    const model = trainLogistic([...data, ex(['rare'], 1)], { l2: 0.01, minCount: 2, iterations: 100 });
    expect(model.weights.rare).toBeUndefined();
  });

  it('should shrink weights when the penalty grows', () => {
    const loose = trainLogistic(data, { l2: 0.0001, minCount: 1, iterations: 200 });
    const tight = trainLogistic(data, { l2: 0.5, minCount: 1, iterations: 200 });
    expect(Math.abs(tight.weights.research)).toBeLessThan(Math.abs(loose.weights.research));
  });

  it('should count a heavier sample more', () => {
    const conflict = [ex(['x'], 1, 3), ex(['x'], 0, 1)];
    const model = trainLogistic(conflict, { l2: 0.0001, minCount: 1, iterations: 200 });
    expect(sigmoid(margin(model, new Map([['x', 1]])))).toBeCloseTo(0.75, 1);
  });
});

describe('fitPlatt', () => {
  it('should map margins to probabilities that match the observed rates', () => {
    // At margin 2, 80% are positive; at margin -2, 20%.
    const points = [
      ...Array.from({ length: 80 }, () => ({ margin: 2, y: 1 as const })), ...Array.from({ length: 20 }, () => ({ margin: 2, y: 0 as const })),
      ...Array.from({ length: 20 }, () => ({ margin: -2, y: 1 as const })), ...Array.from({ length: 80 }, () => ({ margin: -2, y: 0 as const })),
    ];
    const { a, b } = fitPlatt(points);
    expect(sigmoid(a * 2 + b)).toBeCloseTo(0.8, 1);
    expect(sigmoid(a * -2 + b)).toBeCloseTo(0.2, 1);
  });
});

import { confidenceFor, DECISION_THRESHOLD, NEGATIVE_BANDS, POSITIVE_BANDS } from './calibration';

describe('confidenceFor', () => {
  it('should rise with the score when the decision is a flag', () => {
    const scores = [DECISION_THRESHOLD, 5.5, 6.5, 7.5, 9];
    const conf = scores.map(confidenceFor);
    expect(conf).toEqual([...conf].sort((a, b) => a - b));
    expect(conf[0]).toBe(POSITIVE_BANDS[0].confidence);
  });

  it('should fall as the score nears the threshold when the decision is not a flag', () => {
    expect(confidenceFor(-5)).toBe(NEGATIVE_BANDS[0].confidence);
    expect(confidenceFor(DECISION_THRESHOLD - 0.1)).toBeLessThan(confidenceFor(1));
  });

  it('should cover every score with a band when bands are contiguous', () => {
    for (let s = -10; s < 15; s += 0.25) expect(confidenceFor(s)).toBeGreaterThanOrEqual(0.6);
  });
});

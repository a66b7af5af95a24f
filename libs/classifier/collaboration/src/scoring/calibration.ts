/**
 * Fixed mapping from the rule score (sum of sentence points and document bonuses, see rules/score.ts) to the
 * probability that the decision is right. The bands were set by hand from the structure of the score before
 * measuring, not fitted to any labelled set; the eval prints the observed accuracy per band so drift is visible.
 *
 * Read as: "a document scoring in [min, max) is flagged/not flagged with this probability of being right".
 */
export const DECISION_THRESHOLD = 4.5;

export interface CalibrationBand {
  min: number;
  max: number;
  confidence: number;
}

export const POSITIVE_BANDS: readonly CalibrationBand[] = [
  { min: DECISION_THRESHOLD, max: 5.25, confidence: 0.6 },
  { min: 5.25, max: 6, confidence: 0.75 },
  { min: 6, max: 7, confidence: 0.87 },
  { min: 7, max: 8, confidence: 0.93 },
  { min: 8, max: Infinity, confidence: 0.97 },
];

export const NEGATIVE_BANDS: readonly CalibrationBand[] = [
  { min: -Infinity, max: 0.5, confidence: 0.97 },
  { min: 0.5, max: 2.5, confidence: 0.93 },
  { min: 2.5, max: 3.5, confidence: 0.85 },
  { min: 3.5, max: DECISION_THRESHOLD, confidence: 0.7 },
];

export function confidenceFor(score: number): number {
  const bands = score >= DECISION_THRESHOLD ? POSITIVE_BANDS : NEGATIVE_BANDS;
  for (const b of bands) if (score >= b.min && score < b.max) return b.confidence;
  return 0.5;
}

export { evaluate, type EvalReport, type EvaluateOptions, type PRF, type CalibrationBin, type Misclassified } from './evaluate';
export { formatReport } from './format';
export { parseLabelledRecord, type LabelledRecord, type ClassifyFn, type ParseResult } from './types';
export { evaluateSyndication, type SyndicationReport } from './syndication';

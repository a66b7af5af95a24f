export { evaluate, type EvalReport, type EvaluateOptions, type PRF, type CalibrationBin, type Misclassified } from './evaluate';
export { formatReport, formatSummary, errorCategories } from './format';
export { storyGroups, storyFolds } from './stories';
export { parseLabelledRecord, type LabelledRecord, type ClassifyFn, type ParseResult } from './types';
export { evaluateSyndication, type SyndicationReport } from './syndication';

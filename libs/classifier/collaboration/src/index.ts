export { MODEL_VERSION } from './model-version';
export type { ArticleInput } from './types';
export { classify, canonicalOrgName, CollaborationClassifier } from './classifier';
export type { ClassifierOptions } from './classifier';
export { GAZETTEER, type GazetteerEntry } from './entities/gazetteer';
export { nameKey } from './entities/matcher';
export * from './eval';
export * from './syndication';
export { crossValidate, featureTable, fitWeights, setNameOf, trainedOn, DEFAULT_CONFIG as DEFAULT_TRAINING_CONFIG, type TrainingRecord, type TrainingConfig } from './model/training';
export type { WeightsFile, Contribution } from './model/learned';
export { explainFeature } from './model/explain';
export { HOLDOUT } from './eval/holdout';
export { COMMITTED_WEIGHTS } from './classifier';
// The vocabularies the classifier emits, for whoever validates watchlists against them (the subscriptions API).
export { THERAPEUTIC_AREAS, MODALITIES, GEOGRAPHIES } from './extract/areas';

export { MODEL_VERSION } from './model-version';
export type { ArticleInput } from './types';
export { classify, canonicalOrgName, CollaborationClassifier } from './classifier';
export type { ClassifierOptions } from './classifier';
export { GAZETTEER, type GazetteerEntry } from './entities/gazetteer';
export { nameKey } from './entities/matcher';
export * from './eval';
export * from './syndication';

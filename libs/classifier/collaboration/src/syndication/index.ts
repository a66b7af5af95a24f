export { SyndicationIndex, type SyndicationDoc, type SyndicationResult, type SyndicationState, type SyndicationOptions } from './syndication-index';
export { minhash, similarity } from './minhash';

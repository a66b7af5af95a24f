export { SyndicationIndex, type SyndicationResult } from './syndication-index';
export {
  bestMatch, joinSimilarity, parseSyndicationEntry, syndicationEntry, syndicationKeys, syndicationOptions,
  type ResolvedSyndicationOptions, type SyndicationDoc, type SyndicationEntry, type SyndicationOptions,
} from './join';
export { minhash, similarity } from './minhash';

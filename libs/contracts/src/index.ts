export * from './envelope';
export * from './errors';
export * from './topics';
export * from './events/classification.v1';
export * from './events/article-ingested.v1';
export * from './events/article-classified.v1';
export * from './events/collaboration-flagged.v1';
export * from './events/dead-letter.v1';

export * from './health';
export * from './boot-gate';
export * from './quorum';
export * from './metrics';

export * from './config';
export * from './feed-poller';
export * from './ingest.module';
export { RedisSeenStore, KeyValueSeenStore } from './seen-store';
export type { SeenStore } from './seen-store';
export * from './feed-readiness';

export * from './config';
export * from './feed-poller';
export * from './ingest.module';

// One ingest replica as its own process, so a test can kill it (SIGKILL: no shutdown hook, no lease released).
// Config arrives as JSON in REPLICA_CONFIG; the held shards are reported to the parent over IPC.
import { RedisStore } from '@pharma-radar/platform-cache';
import { configureLogging } from '@pharma-radar/platform-logging';
import { InMemoryBus } from '@pharma-radar/platform-messaging';
import type { IngestConfig } from '../src/config';
import { FeedPoller } from '../src/feed-poller';

configureLogging({ service: 'replica', level: 'silent' });
const config = JSON.parse(process.env.REPLICA_CONFIG ?? '{}') as IngestConfig;
const poller = new FeedPoller(config, new InMemoryBus(), new RedisStore(config.redis!.url, config.redis!.keyPrefix));
void poller.onApplicationBootstrap().then(() => {
  setInterval(() => process.send?.({ held: poller.heldShards() }), 100);
});

import type { InfraConfig } from '@pharma-radar/platform-config';
import { MemoryStore } from './memory-store';
import { RedisStore } from './redis-store';
import { KeyValueStore } from './store';

export * from './store';
export * from './memory-store';
export * from './redis-store';
export * from './nest';

export function createStore(infra: Pick<InfraConfig, 'redis'>): KeyValueStore {
  return infra.redis ? new RedisStore(infra.redis.url, infra.redis.keyPrefix) : new MemoryStore();
}

import Redis from 'ioredis';
import { getLogger } from '@pharma-radar/platform-logging';
import { KeyValueStore } from './store';

export class RedisStore implements KeyValueStore {
  readonly kind = 'redis' as const;
  private readonly redis: Redis;
  private readonly log = getLogger('RedisStore');

  constructor(url: string, keyPrefix: string) {
    this.redis = new Redis(url, {
      keyPrefix,
      // Fail a command after a bounded wait instead of queueing forever while Redis is down;
      // the messaging layer retries the handler, so the event is not lost.
      maxRetriesPerRequest: 3,
      enableOfflineQueue: true,
      connectTimeout: 5_000,
      retryStrategy: (times) => Math.min(times * 200, 5_000),
    });
    this.redis.on('error', (err) => this.log.warn('redis error', { err }));
  }

  async get(key: string) { return this.redis.get(key); }

  async getMany(keys: readonly string[]) {
    return keys.length ? this.redis.mget(...keys) : [];
  }

  async set(key: string, value: string, ttlSeconds?: number) {
    if (ttlSeconds) await this.redis.set(key, value, 'EX', ttlSeconds);
    else await this.redis.set(key, value);
  }

  async setMany(entries: readonly { key: string; value: string }[], ttlSeconds: number) {
    if (!entries.length) return;
    const pipeline = this.redis.pipeline();
    for (const { key, value } of entries) pipeline.set(key, value, 'EX', ttlSeconds);
    // A pipeline answers per command: any failed set fails the call, so the caller retries.
    const failed = ((await pipeline.exec()) ?? []).find(([err]) => err);
    if (failed) throw failed[0];
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number) {
    return (await this.redis.set(key, value, 'EX', ttlSeconds, 'NX')) === 'OK';
  }

  async del(key: string) { await this.redis.del(key); }

  async incr(key: string, ttlSeconds: number) {
    const [[, n]] = (await this.redis.multi().incr(key).expire(key, ttlSeconds, 'NX').exec()) as [[Error | null, number]];
    return n;
  }

  async pushRecent(key: string, value: string, maxLength: number) {
    await this.redis.multi().lpush(key, value).ltrim(key, 0, maxLength - 1).exec();
  }

  async recent(key: string, limit: number) { return this.redis.lrange(key, 0, limit - 1); }
  async hset(key: string, field: string, value: string) { await this.redis.hset(key, field, value); }
  async hgetall(key: string) { return this.redis.hgetall(key); }

  async ping() {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close() { await this.redis.quit().catch(() => this.redis.disconnect()); }
}

import { createHash } from 'node:crypto';
import Redis from 'ioredis';

/**
 * Hands out send slots per key (a Slack webhook): at most one per `intervalMs`. A caller whose slot
 * lies in the future waits for it as a delayed job, not in the worker.
 */
export interface Pacer {
  /** Reserves the next free slot for `key` at or after `now`; returns its time (epoch ms). */
  reserve(key: string, intervalMs: number, now: number): Promise<number>;
  close(): Promise<void>;
}

/** Never the webhook URL itself in a key: it is the credential. */
export function paceKey(webhookUrl: string): string {
  return createHash('sha256').update(webhookUrl).digest('hex').slice(0, 32);
}

export class MemoryPacer implements Pacer {
  private readonly next = new Map<string, number>();

  async reserve(key: string, intervalMs: number, now: number): Promise<number> {
    const slot = Math.max(now, this.next.get(key) ?? 0);
    this.next.set(key, slot + intervalMs);
    return slot;
  }

  async close(): Promise<void> {}
}

// Atomic read-and-advance, so replicas and concurrent workers never take the same slot.
const RESERVE = `
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local slot = math.max(now, nextFree)
redis.call('SET', KEYS[1], tostring(slot + interval), 'PX', math.floor(slot + interval - now + 60000))
return tostring(slot)
`;

export class RedisPacer implements Pacer {
  private readonly redis: Redis;

  constructor(redisUrl: string, private readonly prefix: string) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 3, lazyConnect: false });
    this.redis.on('error', () => undefined);
  }

  async reserve(key: string, intervalMs: number, now: number): Promise<number> {
    return Number(await this.redis.eval(RESERVE, 1, `${this.prefix}pace:${key}`, String(now), String(intervalMs)));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

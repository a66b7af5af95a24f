/**
 * The small key-value surface the services need (dedup claims, caches, recent lists, health maps).
 * Redis in deployments, memory in the all-in-one process and unit tests: same semantics.
 */
export interface KeyValueStore {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  /** Values of several keys in one round trip (MGET), in the order asked; null where absent. */
  getMany(keys: readonly string[]): Promise<(string | null)[]>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /** Several independent sets with one ttl in one round trip; not atomic, each set stands alone. */
  setMany(entries: readonly { key: string; value: string }[], ttlSeconds: number): Promise<void>;
  /** Atomic claim: true only for the first caller while the key lives. The basis of de-duplication. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Atomic increment; the ttl is set when the key is created. */
  incr(key: string, ttlSeconds: number): Promise<number>;
  /** Prepends and trims to `maxLength` newest entries. */
  pushRecent(key: string, value: string, maxLength: number): Promise<void>;
  recent(key: string, limit: number): Promise<string[]>;
  hset(key: string, field: string, value: string): Promise<void>;
  hgetall(key: string): Promise<Record<string, string>>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const KEY_VALUE_STORE = Symbol('KEY_VALUE_STORE');

import { KeyValueStore } from './store';

interface Entry {
  value: string;
  expiresAt: number | null;
}

export class MemoryStore implements KeyValueStore {
  readonly kind = 'memory' as const;
  private readonly values = new Map<string, Entry>();
  private readonly lists = new Map<string, string[]>();
  private readonly hashes = new Map<string, Map<string, string>>();

  constructor(private readonly now: () => number = Date.now) {}

  private live(key: string): Entry | undefined {
    const e = this.values.get(key);
    if (e && e.expiresAt !== null && e.expiresAt <= this.now()) {
      this.values.delete(key);
      return undefined;
    }
    return e;
  }

  async get(key: string) { return this.live(key)?.value ?? null; }
  async getMany(keys: readonly string[]) { return keys.map((k) => this.live(k)?.value ?? null); }

  async set(key: string, value: string, ttlSeconds?: number) {
    this.values.set(key, { value, expiresAt: ttlSeconds ? this.now() + ttlSeconds * 1000 : null });
  }

  async setMany(entries: readonly { key: string; value: string }[], ttlSeconds: number) {
    for (const { key, value } of entries) await this.set(key, value, ttlSeconds);
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number) {
    if (this.live(key)) return false;
    await this.set(key, value, ttlSeconds);
    return true;
  }

  async del(key: string) {
    this.values.delete(key);
    this.lists.delete(key);
    this.hashes.delete(key);
  }

  // No await between the read and the write: two calls at once must get two numbers, as Redis INCR gives.
  async incr(key: string, ttlSeconds: number) {
    const e = this.live(key);
    const next = Number(e?.value ?? '0') + 1;
    this.values.set(key, { value: String(next), expiresAt: e ? e.expiresAt : this.now() + ttlSeconds * 1000 });
    return next;
  }

  async pushRecent(key: string, value: string, maxLength: number) {
    const list = this.lists.get(key) ?? [];
    list.unshift(value);
    list.length = Math.min(list.length, maxLength);
    this.lists.set(key, list);
  }

  async recent(key: string, limit: number) { return (this.lists.get(key) ?? []).slice(0, limit); }

  async hset(key: string, field: string, value: string) {
    const h = this.hashes.get(key) ?? new Map<string, string>();
    h.set(field, value);
    this.hashes.set(key, h);
  }

  async hgetall(key: string) { return Object.fromEntries(this.hashes.get(key) ?? []); }
  async ping() { return true; }
  async close() {}
}

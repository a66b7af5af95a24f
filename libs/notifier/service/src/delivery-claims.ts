import Redis from 'ioredis';

/**
 * How long a claim on a delivery lasts without renewal. The sender renews it every third of this while it sends
 * (SMTP may take 60 s), so a live sender keeps it and a sender killed mid-send holds it at most this long: its
 * stalled job, run again by BullMQ after about as long, then finds it free.
 */
export const SEND_LEASE_MS = 30_000;
/**
 * How long "sent" stays in Redis after a send. It bridges the time until every replica has read the `sent`
 * ledger record (milliseconds when the broker is up); a day also covers a reader that lagged through an outage.
 */
export const SENT_MARK_MS = 24 * 3_600_000;

export type ClaimOutcome = { kind: 'claimed' } | { kind: 'busy'; retryAt: number } | { kind: 'sent' };

/**
 * Who may send a delivery now. The ledger is the truth about what was sent; a claim covers what the ledger cannot:
 * two workers holding the same delivery at once (a stalled job run again while its first run still sends, a
 * duplicate job after Redis was emptied) and the moment between a send and its `sent` ledger record reaching every
 * replica. A send is claimed, then done, then marked sent here, then recorded on the ledger.
 */
export interface DeliveryClaims {
  /** Takes the send lease of `key` for `leaseMs` unless another holder has it, or it was marked sent. */
  claim(key: string, holder: string, leaseMs: number, now: number): Promise<ClaimOutcome>;
  /** Marks these deliveries sent for `ttlMs`: any later claim of them, by any replica, finds them sent. */
  markSent(keys: readonly string[], ttlMs: number): Promise<void>;
  /** Renews the lease of `key` for another `leaseMs` if `holder` still has it; false when it lost it. */
  extend(key: string, holder: string, leaseMs: number): Promise<boolean>;
  /** Which of `keys` are marked sent. */
  sentOf(keys: readonly string[]): Promise<Set<string>>;
  /** Gives the lease back (the attempt failed and waits for its retry), if `holder` still has it. */
  release(key: string, holder: string): Promise<void>;
  close(): Promise<void>;
}

const SENT = 'sent';

// One round trip, atomic: replicas and concurrent workers never both get a lease.
const CLAIM = `
local v = redis.call('GET', KEYS[1])
if v == '${SENT}' then return {'sent', 0} end
if v and v ~= ARGV[1] then return {'busy', redis.call('PTTL', KEYS[1])} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {'claimed', 0}
`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export class RedisDeliveryClaims implements DeliveryClaims {
  private readonly redis: Redis;

  constructor(redisUrl: string, private readonly prefix: string) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
    this.redis.on('error', () => undefined);
    // EVALSHA after the first call: the scripts are sent once, not with every send.
    this.redis.defineCommand('claimDelivery', { numberOfKeys: 1, lua: CLAIM });
    this.redis.defineCommand('extendClaim', { numberOfKeys: 1, lua: EXTEND });
    this.redis.defineCommand('releaseClaim', { numberOfKeys: 1, lua: RELEASE });
  }

  async claim(key: string, holder: string, leaseMs: number, now: number): Promise<ClaimOutcome> {
    const [kind, ttl] = (await this.scripts.claimDelivery(this.key(key), holder, String(leaseMs))) as [string, number];
    if (kind === 'sent') return { kind: 'sent' };
    if (kind === 'busy') return { kind: 'busy', retryAt: now + Math.max(Number(ttl), 100) };
    return { kind: 'claimed' };
  }

  async extend(key: string, holder: string, leaseMs: number): Promise<boolean> {
    return Number(await this.scripts.extendClaim(this.key(key), holder, String(leaseMs))) === 1;
  }

  async markSent(keys: readonly string[], ttlMs: number): Promise<void> {
    if (!keys.length) return;
    const multi = this.redis.multi();
    for (const k of keys) multi.set(this.key(k), SENT, 'PX', ttlMs);
    const results = await multi.exec();
    const failed = results?.find(([err]) => err);
    if (!results || failed) throw failed?.[0] ?? new Error('marking deliveries sent failed');
  }

  async sentOf(keys: readonly string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const values = await this.redis.mget(...keys.map((k) => this.key(k)));
    return new Set(keys.filter((_, i) => values[i] === SENT));
  }

  async release(key: string, holder: string): Promise<void> {
    await this.scripts.releaseClaim(this.key(key), holder);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }

  private get scripts(): Record<'claimDelivery' | 'extendClaim' | 'releaseClaim', (...args: string[]) => Promise<unknown>> {
    return this.redis as unknown as Record<'claimDelivery' | 'extendClaim' | 'releaseClaim', (...args: string[]) => Promise<unknown>>;
  }

  private key(k: string): string {
    return `${this.prefix}claim:${k}`;
  }
}

/** The embedded mode's claims: one process, so a map with expiry times is enough. */
export class MemoryDeliveryClaims implements DeliveryClaims {
  private readonly held = new Map<string, { value: string; until: number }>();

  constructor(private readonly clock: () => number = Date.now) {}

  async claim(key: string, holder: string, leaseMs: number, now: number): Promise<ClaimOutcome> {
    const v = this.live(key);
    if (v?.value === SENT) return { kind: 'sent' };
    if (v && v.value !== holder) return { kind: 'busy', retryAt: Math.max(v.until, now + 100) };
    this.held.set(key, { value: holder, until: this.clock() + leaseMs });
    return { kind: 'claimed' };
  }

  async extend(key: string, holder: string, leaseMs: number): Promise<boolean> {
    const v = this.live(key);
    if (v?.value !== holder) return false;
    v.until = this.clock() + leaseMs;
    return true;
  }

  async markSent(keys: readonly string[], ttlMs: number): Promise<void> {
    for (const k of keys) this.held.set(k, { value: SENT, until: this.clock() + ttlMs });
  }

  async sentOf(keys: readonly string[]): Promise<Set<string>> {
    return new Set(keys.filter((k) => this.live(k)?.value === SENT));
  }

  async release(key: string, holder: string): Promise<void> {
    if (this.live(key)?.value === holder) this.held.delete(key);
  }

  async close(): Promise<void> {}

  private live(key: string): { value: string; until: number } | undefined {
    const v = this.held.get(key);
    if (v && v.until <= this.clock()) {
      this.held.delete(key);
      return undefined;
    }
    return v;
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type Redis from 'ioredis';
import { getLogger } from '@pharma-radar/platform-logging';

/** Which shards of the feed list this replica polls now. */
export interface ShardOwnership {
  readonly replicaId: string;
  start(): Promise<void>;
  /** Releases everything held (after the handlers drained it) so other replicas take it over at once. */
  stop(): Promise<void>;
  /** True while this replica may start a poll of a feed in `shard` (the lease, less a safety margin, is valid). */
  holds(shard: number): boolean;
  held(): number[];
}

export interface ShardHandlers {
  /** The shard is ours: schedule its feeds. */
  acquired(shard: number): Promise<void>;
  /** The shard is being given up on purpose: stop scheduling it and resolve once its polls in flight ended. */
  draining(shard: number): Promise<void>;
  /** The lease was lost (renewal failed or came too late): stop scheduling it now. */
  lost(shard: number): void;
}

/** Shard of a feed: stable across replicas and restarts. */
export function shardOf(feedId: string, shards: number): number {
  return createHash('sha1').update(feedId).digest().readUInt32BE(0) % shards;
}

/** A single replica without Redis (the embedded store): every shard, for ever. */
export class AllShards implements ShardOwnership {
  readonly replicaId = 'single';
  constructor(
    private readonly shards: number,
    private readonly handlers: ShardHandlers,
  ) {}
  async start(): Promise<void> {
    for (let s = 0; s < this.shards; s++) await this.handlers.acquired(s);
  }
  async stop(): Promise<void> {
    for (let s = 0; s < this.shards; s++) await this.handlers.draining(s);
  }
  holds(): boolean {
    return true;
  }
  held(): number[] {
    return Array.from({ length: this.shards }, (_, s) => s);
  }
}

// Compare-and-extend and compare-and-delete: a replica never extends or deletes a lease that another replica holds.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

type LeaseRedis = Redis & {
  ingestLeaseRenew(key: string, value: string, ms: number): Promise<number>;
  ingestLeaseRelease(key: string, value: string): Promise<number>;
};

export interface LeaseOptions {
  shards: number;
  leaseMs: number;
  replicaId?: string;
  /** Started polls must end before the lease could pass to another replica: the lease is trusted until
   *  its start + leaseMs - marginMs (default a third of the lease). */
  marginMs?: number;
}

/**
 * Feeds are split into a fixed number of shards; each shard is polled by the one replica holding its lease in Redis
 * (`ingest:lease:<shard>`, SET NX PX, value = replica id + a fencing token from INCR). Every replica heartbeats into
 * `ingest:members` and holds at most ceil(shards / live members): a new replica gets shards as the others give up
 * their surplus (after their polls in flight end), and a killed replica's shards are free once its leases expire, so
 * they are taken over within a lease period plus one renewal tick. Renewal runs every third of the lease; a replica
 * that cannot renew stops starting polls of that shard at lease - margin, before anyone else can acquire it.
 */
export class RedisShardLeases implements ShardOwnership {
  readonly replicaId: string;
  private readonly redis: LeaseRedis;
  private readonly log = getLogger('ShardLeases');
  /** Held shards: lease value and the local time until which we trust it. */
  private readonly mine = new Map<number, { value: string; validUntil: number }>();
  private timer: NodeJS.Timeout | null = null;
  /** Delay before the next tick: a third of the lease, or sooner when another replica's heartbeat is about to lapse. */
  private nextTickMs: number;
  private ticking: Promise<void> | null = null;
  private stopped = false;
  private readonly marginMs: number;

  constructor(
    redis: Redis,
    private readonly opts: LeaseOptions,
    private readonly handlers: ShardHandlers,
  ) {
    redis.defineCommand('ingestLeaseRenew', { numberOfKeys: 1, lua: RENEW });
    redis.defineCommand('ingestLeaseRelease', { numberOfKeys: 1, lua: RELEASE });
    this.redis = redis as LeaseRedis;
    this.replicaId = opts.replicaId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.marginMs = opts.marginMs ?? Math.floor(opts.leaseMs / 3);
    this.nextTickMs = this.period();
  }

  private period(): number {
    return Math.max(50, Math.floor(this.opts.leaseMs / 3));
  }

  private leaseKey(shard: number): string {
    return `ingest:lease:${shard}`;
  }

  async start(): Promise<void> {
    await this.tick();
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick()
        .catch((err) => this.log.warn('lease tick failed', { err }))
        .finally(() => {
          this.ticking = null;
          this.schedule();
        });
    }, this.nextTickMs);
    this.timer.unref();
  }

  holds(shard: number): boolean {
    const m = this.mine.get(shard);
    return m !== undefined && Date.now() < m.validUntil;
  }

  held(): number[] {
    return [...this.mine.keys()].sort((a, b) => a - b);
  }

  /**
   * Renew, then heartbeat: a replica's leases were all renewed before its last heartbeat, so when that heartbeat
   * lapses (member pruned) its leases have expired too, and the next tick, timed for that moment, takes them over:
   * a killed replica's shards move within one lease period of its last renewal, hence of the kill.
   */
  private async tick(): Promise<void> {
    if (this.stopped) return;
    const started = Date.now();
    const held = [...this.mine];
    const renewed = await Promise.all(held.map(([shard, m]) => this.redis.ingestLeaseRenew(this.leaseKey(shard), m.value, this.opts.leaseMs).catch(() => 0)));
    held.forEach(([shard, m], i) => {
      if (renewed[i] === 1) m.validUntil = started + this.opts.leaseMs - this.marginMs;
      else this.lose(shard);
    });

    const [seconds, micros] = await this.redis.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    const members = await this.redis
      .multi()
      .zadd('ingest:members', now, this.replicaId)
      .zremrangebyscore('ingest:members', '-inf', `(${now - this.opts.leaseMs}`)
      .zrange('ingest:members', 0, -1, 'WITHSCORES')
      .exec();
    const list = (members?.[2]?.[1] as string[] | undefined) ?? [];
    const live = Math.max(1, list.length / 2);
    let lapse = Infinity;
    for (let i = 0; i < list.length; i += 2) if (list[i] !== this.replicaId) lapse = Math.min(lapse, Number(list[i + 1]) + this.opts.leaseMs - now);
    this.nextTickMs = Math.max(20, Math.min(this.period(), lapse + 5));

    const fair = Math.ceil(this.opts.shards / live);
    if (this.mine.size > fair) {
      // Give up the shards that rank lowest for us, so that which ones move is stable.
      const surplus = [...this.mine.keys()].sort((a, b) => this.rank(a) - this.rank(b)).slice(0, this.mine.size - fair);
      for (const shard of surplus) await this.release(shard);
    } else if (this.mine.size < fair) {
      const all = Array.from({ length: this.opts.shards }, (_, s) => s);
      const current = await this.redis.mget(all.map((s) => this.leaseKey(s)));
      const free = all.filter((s) => current[s] === null).sort((a, b) => this.rank(b) - this.rank(a));
      for (const shard of free.slice(0, fair - this.mine.size)) await this.acquire(shard, started);
    }
  }

  // Rendezvous order: each replica prefers different shards, so concurrent acquirers rarely race for the same one.
  private rank(shard: number): number {
    return createHash('sha1').update(`${this.replicaId}/${shard}`).digest().readUInt32BE(0);
  }

  private async acquire(shard: number, started: number): Promise<void> {
    const token = await this.redis.incr('ingest:lease-token');
    const value = `${this.replicaId}/${token}`;
    const ok = await this.redis.set(this.leaseKey(shard), value, 'PX', this.opts.leaseMs, 'NX');
    if (ok !== 'OK') return;
    this.mine.set(shard, { value, validUntil: started + this.opts.leaseMs - this.marginMs });
    await this.handlers.acquired(shard);
  }

  private lose(shard: number): void {
    this.mine.delete(shard);
    this.log.warn('shard lease lost', { shard, replica: this.replicaId });
    this.handlers.lost(shard);
  }

  private async release(shard: number): Promise<void> {
    const m = this.mine.get(shard);
    if (!m) return;
    await this.handlers.draining(shard);
    this.mine.delete(shard);
    await this.redis.ingestLeaseRelease(this.leaseKey(shard), m.value).catch(() => 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    for (const shard of [...this.mine.keys()]) await this.release(shard);
    await this.redis.zrem('ingest:members', this.replicaId).catch(() => 0);
  }
}

import { randomBytes } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  acceptsContent, answerVerification, discoverWebSub, leaseAction, verifySignature, type SignatureErrorCode, type WebSubLinks, type WebSubSubscription,
} from '@pharma-radar/ingest-websub';
import { KEY_VALUE_STORE, type KeyValueStore } from '@pharma-radar/platform-cache';
import { getLogger } from '@pharma-radar/platform-logging';
import type { WebSubConfig } from './config';
import type { HubClient } from './hub-client';
import { WebSubStore } from './subscription-store';
import { HUB_CLIENT, WEBSUB_CONFIG } from './tokens';

export type ContentCheck =
  | { ok: true; sub: WebSubSubscription }
  /** 410 tells the hub to stop: we hold no (live) subscription for this feed. */
  | { ok: false; status: 410; code: 'WEBSUB_NO_SUBSCRIPTION'; message: string }
  | { ok: false; status: 403; code: SignatureErrorCode; message: string };

/**
 * Subscribes to the hubs feeds advertise, answers their verification of intent, checks pushed content and renews
 * leases. State lives in the shared store so every replica answers alike; requests to hubs go out of the renewal
 * sweep (one replica per period) or from the poll that discovered the hub, never from a request handler.
 */
@Injectable()
export class WebSubSubscriber implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = getLogger(WebSubSubscriber.name);
  private readonly subs: WebSubStore;
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    @Inject(WEBSUB_CONFIG) private readonly config: WebSubConfig,
    @Inject(HUB_CLIENT) private readonly hubs: HubClient,
    @Inject(KEY_VALUE_STORE) store: KeyValueStore,
  ) {
    this.subs = new WebSubStore(store);
  }

  private now(): number {
    return Date.now();
  }

  get enabled(): boolean {
    return this.config.callbackBase !== null;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => void this.sweep(), this.config.renewCheckMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
  }

  /**
   * A poll found these links (Link header and document). Subscribes when the feed names a hub we are not
   * subscribed to (or its topic changed); returns what it did, for the poll's log and tests.
   */
  async discovered(feedId: string, fetchedUrl: string, linkHeader: string | undefined, document: WebSubLinks | undefined): Promise<'disabled' | 'none' | 'kept' | 'requested' | 'failed'> {
    if (!this.enabled) return 'disabled';
    const found = discoverWebSub({ linkHeader, document, fetchedUrl });
    if (!found) return 'none';
    const current = await this.subs.get(feedId);
    if (current && current.topic === found.topic && found.hubs.includes(current.hub)) return 'kept';
    // A new hub or topic starts afresh, with a new secret: the old hub's signatures must no longer pass.
    const sub: WebSubSubscription = { feedId, topic: found.topic, hub: found.hubs[0], secret: randomBytes(32).toString('hex'), state: 'requested', requestedAt: this.now(), attempts: 0 };
    return (await this.request(sub)) ? 'requested' : 'failed';
  }

  /** Renews due leases and retries unverified requests; one replica per period. */
  async sweep(): Promise<number> {
    if (!this.enabled || this.sweeping) return 0;
    let renewed = 0;
    const run = (async () => {
      try {
        if (!(await this.subs.takeSweep(this.config.renewCheckMs))) return;
        for (const sub of await this.subs.all()) {
          if (leaseAction(sub, this.now()) !== 'subscribe') continue;
          if (await this.request(sub)) renewed++;
        }
      } catch (e) {
        this.log.warn('websub sweep failed; next period retries', { err: e instanceof Error ? e.message : String(e) });
      }
    })();
    this.sweeping = run;
    await run;
    this.sweeping = null;
    return renewed;
  }

  /** The hub's GET: verification of intent or denial. */
  async verify(feedId: string, query: Record<string, unknown>): Promise<{ status: number; body: string }> {
    const sub = this.enabled ? await this.subs.get(feedId) : null;
    const answer = answerVerification(sub, query, this.now());
    if (answer.status === 200) {
      if (answer.next) await this.subs.put(answer.next);
      else await this.subs.remove(feedId);
      this.log.info('websub verification answered', { feedId, mode: query['hub.mode'], hub: sub?.hub, leaseSeconds: answer.next?.leaseSeconds });
    }
    return { status: answer.status, body: answer.body };
  }

  /** Whether a pushed body may be ingested: a live subscription and a valid signature over the raw bytes. */
  async checkContent(feedId: string, signature: string | undefined, body: Buffer): Promise<ContentCheck> {
    const sub = this.enabled ? await this.subs.get(feedId) : null;
    if (!acceptsContent(sub, this.now())) return { ok: false, status: 410, code: 'WEBSUB_NO_SUBSCRIPTION', message: 'no live subscription for this feed' };
    const check = verifySignature(signature, body, sub.secret);
    if (!check.ok) return { ok: false, status: 403, code: check.code, message: check.message };
    return { ok: true, sub };
  }

  private async request(sub: WebSubSubscription): Promise<boolean> {
    const sent: WebSubSubscription = { ...sub, requestedAt: this.now(), attempts: sub.attempts + 1 };
    // Stored before the hub is asked: its verification GET may arrive before its 202 does.
    await this.subs.put(sent);
    const answer = await this.hubs.request(sub.hub, {
      'hub.callback': `${this.config.callbackBase}/websub/${encodeURIComponent(sub.feedId)}`,
      'hub.mode': 'subscribe',
      'hub.topic': sub.topic,
      'hub.secret': sub.secret,
      'hub.lease_seconds': String(this.config.leaseSeconds),
    });
    if (answer.ok) {
      this.log.info('websub subscription requested', { feedId: sub.feedId, hub: sub.hub, attempt: sent.attempts });
      return true;
    }
    // Whatever the hub said, polling carries the feed meanwhile; the sweep asks again after a backoff.
    this.log.warn('websub subscription request failed', { feedId: sub.feedId, hub: sub.hub, status: answer.status, reason: answer.message });
    const latest = await this.subs.get(sub.feedId);
    if (latest && latest.requestedAt === sent.requestedAt) await this.subs.put({ ...latest, reason: answer.message.slice(0, 200) });
    return false;
  }
}

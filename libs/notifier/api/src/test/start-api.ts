import { Global, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MemoryStore, StoreModule, type KeyValueStore } from '@pharma-radar/platform-cache';
import { CHANNEL_SWITCHES, type ChannelSwitches } from '@pharma-radar/notifier-subscriptions';
import { InMemoryBus, MessagingModule, type MessageBus } from '@pharma-radar/platform-messaging';
import { SubscriptionsApiModule, type SubscriptionsApiDeps } from '../api.module';
import type { SubscriptionsApiConfig } from '../config';

export const ADMIN_KEY = 'admin-key-for-tests-0123456789abcdef';
/** The link key that signs now, and the one it replaced (still verifying). */
export const LINK_SECRET = 'link-secret-for-tests-0123456789abcdef';
export const OLD_LINK_SECRET = 'old-link-secret-for-tests-0123456789abcdef';

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read whatever JSON came back
  text: string;
  headers: Headers;
}

export interface TestApi {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
  /** `body` is sent as JSON unless it is already a string (raw bytes, malformed JSON, hostile keys). */
  call(method: string, path: string, opts?: { key?: string; body?: unknown; headers?: Record<string, string> }): Promise<Reply>;
}

/**
 * The module on a real HTTP server on 127.0.0.1 with Nest's default body parser, as the notifier app mounts it, beside
 * the bus and store every service has (the in-memory ones unless a test gives its own; the app stops them at close).
 */
export async function startApi(
  config: Partial<SubscriptionsApiConfig> = {},
  deps: SubscriptionsApiDeps = {},
  /** `switches`: what the delivery module of the app would provide as CHANNEL_SWITCHES; absent, as when the API runs alone. */
  infra: { bus?: MessageBus; store?: KeyValueStore; switches?: ChannelSwitches } = {},
): Promise<TestApi> {
  const full: SubscriptionsApiConfig = { adminApiKey: ADMIN_KEY, maxSubscribersPerTenant: 1_000, kafka: null, allowedWebhookPrefixes: [], linkSecrets: [LINK_SECRET, OLD_LINK_SECRET], ...config };
  @Global()
  @Module({ providers: infra.switches ? [{ provide: CHANNEL_SWITCHES, useValue: infra.switches }] : [], exports: infra.switches ? [CHANNEL_SWITCHES] : [] })
  class Delivery {}
  @Module({ imports: [MessagingModule.forRoot(infra.bus ?? new InMemoryBus()), StoreModule.forRoot(infra.store ?? new MemoryStore()), Delivery, SubscriptionsApiModule.forRoot(full, deps)] })
  class TestRoot {}
  const app = await NestFactory.create(TestRoot, { logger: false, abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    close: () => app.close(),
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}), ...opts.headers };
      let body: string | undefined;
      if (opts.body !== undefined) {
        body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(url + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = undefined;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, body: parsed, text, headers: res.headers };
    },
  };
}

/** A tenant and its first key, through the admin route. */
export async function aTenant(api: TestApi, name = 'Acme Pharma BD'): Promise<{ id: string; key: string }> {
  const r = await api.call('POST', '/v1/tenants', { key: ADMIN_KEY, body: { name } });
  if (r.status !== 201) throw new Error(`tenant not created: ${r.status} ${r.text}`);
  return { id: r.body.tenant.id, key: r.body.apiKey.key };
}

export const aSubscriberBody = (id = 'bd-desk', extra: Record<string, unknown> = {}) => ({
  id,
  name: 'BD oncology desk',
  email: 'analyst@bd-team.example',
  channels: ['email'],
  watchlist: { companies: ['Astra Zeneca'], therapeuticAreas: ['oncology'], eventTypes: ['research_collaboration'], minConfidence: 0.6 },
  ...extra,
});

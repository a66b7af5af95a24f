import { Env, env, EnvValues } from '@pharma-radar/platform-config';

/** One place for the defaults: the env schema and the configuration of a service that never set WebSub up. */
const DEFAULT_LEASE_SECONDS = 864_000;
const DEFAULT_RENEW_CHECK_SECONDS = 60;

export const websubEnv = {
  INGEST_WEBSUB_CALLBACK_URL: env(
    Env.url(['https:', 'http:']),
    'Public base URL at which hubs reach this service (e.g. https://ingest.example.com). Set it to subscribe to the WebSub hubs feeds advertise; unset, feeds are only polled.',
    { example: '' },
  ),
  INGEST_WEBSUB_LEASE_SECONDS: env(Env.int(DEFAULT_LEASE_SECONDS, 60, 2_592_000), 'Lease asked of a hub (the hub decides); renewed when a tenth is left.', { example: '864000' }),
  INGEST_WEBSUB_RENEW_CHECK_SECONDS: env(Env.int(DEFAULT_RENEW_CHECK_SECONDS, 1, 3_600), 'How often one replica checks for leases to renew and requests to retry.', { example: '60' }),
};
export type WebSubEnv = EnvValues<typeof websubEnv>;

export interface WebSubConfig {
  /** Without it WebSub is off: nothing subscribes, and the callback answers 404. */
  callbackBase: string | null;
  leaseSeconds: number;
  renewCheckMs: number;
  /** Largest pushed body read (the feed cap). */
  maxBytes: number;
  timeoutMs: number;
  /** host:port entries a hub may be reached at on a private address: the feeds' own exemptions. */
  allowPrivateHosts: string[];
  userAgent?: string;
}

export function websubConfig(e: WebSubEnv, feedFetch: { maxBytes: number; timeoutMs: number; allowPrivateHosts: string[]; userAgent?: string }): WebSubConfig {
  return {
    callbackBase: e.INGEST_WEBSUB_CALLBACK_URL ? e.INGEST_WEBSUB_CALLBACK_URL.replace(/\/+$/, '') : null,
    leaseSeconds: e.INGEST_WEBSUB_LEASE_SECONDS,
    renewCheckMs: e.INGEST_WEBSUB_RENEW_CHECK_SECONDS * 1_000,
    ...feedFetch,
  };
}

/** WebSub off (no callback URL): what a poller built without WebSub settings gets. */
export function websubOff(feedFetch: { maxBytes: number; timeoutMs: number; allowPrivateHosts: string[]; userAgent?: string }): WebSubConfig {
  return { callbackBase: null, leaseSeconds: DEFAULT_LEASE_SECONDS, renewCheckMs: DEFAULT_RENEW_CHECK_SECONDS * 1_000, ...feedFetch };
}

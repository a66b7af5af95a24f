import { z } from 'zod';
import { AppError, ErrorCode } from '@pharma-radar/contracts';
import { env, Env, EnvValues } from '@pharma-radar/platform-config';

export const subscriptionsApiEnv = {
  NOTIFIER_ADMIN_API_KEY: env(
    z.string().min(32, 'must be at least 32 characters').optional(),
    'Operator key that may create tenants through POST /v1/tenants. Unset: no tenant can be created.',
    { sensitive: true, example: '' },
  ),
  NOTIFIER_LINK_SECRETS: env(
    Env.list(),
    'Comma-separated HMAC keys of signed alert links (unsubscribe), each at least 32 characters. The first signs; all verify, so a rotated key keeps old links working until it is removed.',
    { sensitive: true, example: '' },
  ),
  SUBSCRIPTIONS_MAX_PER_TENANT: env(Env.int(1_000, 1, 100_000), 'Most subscribers one tenant may create through the API.', { example: '1000' }),
};
export type SubscriptionsApiEnv = EnvValues<typeof subscriptionsApiEnv>;

export interface SubscriptionsApiConfig {
  adminApiKey: string | null;
  maxSubscribersPerTenant: number;
  /** The durable store: Kafka when brokers are configured, else memory (embedded mode; lost at exit). */
  kafka: { brokers: string[]; clientId: string } | null;
  /** Tests isolate the topic; production leaves it unset (the contract's name). */
  topic?: string;
  allowedWebhookPrefixes: readonly string[];
  /** Keys that verify unsubscribe link tokens; empty: every token is refused. */
  linkSecrets: readonly string[];
}

export function subscriptionsApiConfig(e: SubscriptionsApiEnv, infra: { kafka: { brokers: string[]; clientId: string } | null }, allowedWebhookPrefixes: readonly string[]): SubscriptionsApiConfig {
  const weak = e.NOTIFIER_LINK_SECRETS.filter((k) => Buffer.byteLength(k) < 32);
  if (weak.length) throw new AppError(ErrorCode.ConfigInvalid, `Invalid configuration:\n  - NOTIFIER_LINK_SECRETS: ${weak.length} key(s) shorter than 32 characters`);
  return {
    adminApiKey: e.NOTIFIER_ADMIN_API_KEY ?? null,
    maxSubscribersPerTenant: e.SUBSCRIPTIONS_MAX_PER_TENANT,
    kafka: infra.kafka ? { brokers: infra.kafka.brokers, clientId: `${infra.kafka.clientId}-notifier-subscriptions` } : null,
    allowedWebhookPrefixes,
    linkSecrets: e.NOTIFIER_LINK_SECRETS,
  };
}

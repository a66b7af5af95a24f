import { maskSecret, type Subscriber } from '@pharma-radar/notifier-subscriptions';

// Fields holding a credential: never echoed back whole, not even to their owner (a leaked response leaks nothing).
const URL_SECRETS = ['slackWebhookUrl', 'webhookUrl'] as const;
const OPAQUE_SECRETS = ['webhookSecret'] as const;

/** The subscriber as the API shows it. */
export function presentSubscriber(s: Subscriber): Record<string, unknown> {
  const out: Record<string, unknown> = { ...s };
  for (const f of URL_SECRETS) if (typeof out[f] === 'string') out[f] = maskSecret(out[f] as string);
  for (const f of OPAQUE_SECRETS) if (typeof out[f] === 'string') out[f] = '***';
  return out;
}

/**
 * A replace body may carry a secret exactly as the API showed it (masked): then the stored value stays. Anything
 * else is a new value and is validated as one.
 */
export function keepMaskedSecrets(body: unknown, stored: Subscriber): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  const old = stored as unknown as Record<string, unknown>;
  for (const f of URL_SECRETS) {
    if (typeof old[f] === 'string' && out[f] === maskSecret(old[f] as string)) out[f] = old[f];
  }
  for (const f of OPAQUE_SECRETS) {
    if (typeof old[f] === 'string' && out[f] === '***') out[f] = old[f];
  }
  return out;
}

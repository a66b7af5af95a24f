import { z } from 'zod';
import { AppError, ErrorCode } from '@pharma-radar/contracts';
import { CommonEnv, Env, env, EnvValues } from '@pharma-radar/platform-config';

export const notifierEnv = {
  SUBSCRIBERS_FILE: env(Env.optStr(), 'JSON file {"subscribers":[...]} with watchlists and channels. Unset: one subscriber from ALERT_* variables.', { example: 'config/subscribers.json' }),
  ALERT_EMAIL_TO: env(Env.optStr(), 'Email address of the single default subscriber (used when SUBSCRIBERS_FILE is unset).', { example: 'bd-team@pharma.example' }),
  ALERT_SLACK_WEBHOOK_URL: env(Env.optStr(), 'Slack incoming-webhook URL of the default subscriber.', { sensitive: true, example: 'https://hooks.slack.com/services/T000/B000/XXXX' }),
  ALERT_CONSOLE: env(Env.bool(false), 'Also print alerts to stdout (the all-in-one mode turns this on).', { example: 'false' }),
  NOTIFIER_PUBLIC_URL: env(
    Env.url(['https:']),
    'Public https base URL of this notifier as subscribers reach it (e.g. https://radar.example.com). With it, alerts carry signed relevant / not-relevant links and a one-click unsubscribe under <url>/v1, signed with the first of NOTIFIER_LINK_SECRETS (required then).',
    { example: 'https://radar.example.com' },
  ),
  SMTP_URL: env(Env.url(['smtp:', 'smtps:']), 'SMTP server for email alerts, e.g. smtp://user:pass@mail:587.', { sensitive: true, example: 'smtp://127.0.0.1:2525' }),
  SMTP_POOL_CONNECTIONS: env(Env.int(5, 0, 64), 'SMTP connections kept open and shared by sends (each replaced after 100 messages); 0 opens one per send.', { example: '5' }),
  SMTP_FROM: env(z.string().default('alerts@pharma-radar.example'), 'Sender address of alert emails.', { example: 'alerts@pharma-radar.example' }),
  SLACK_ALLOWED_WEBHOOK_PREFIXES: env(Env.list(), 'Extra webhook URL prefixes accepted besides hooks.slack.com (local test receivers only).', { example: '' }),
  NOTIFIER_HTTP_PORT: env(Env.int(3003, 0, 65_535), 'HTTP port of the notifier service (health, metrics).', { example: '3003' }),
  NOTIFIER_WORKER_CONCURRENCY: env(Env.int(32, 1, 256), 'Deliveries sent at once by this process (queue workers); sends wait on the network, not the CPU.', { example: '32' }),
  NOTIFIER_RETRY_WINDOW_HOURS: env(Env.int(24, 1, 168), 'A delivery that keeps failing is retried this long after its first attempt, then dead-lettered.', { example: '24' }),
  NOTIFIER_RETRY_BASE_MS: env(Env.int(5_000, 10, 3_600_000), 'First retry backoff ceiling; it doubles per attempt (full jitter) up to 1 h.', { example: '5000' }),
  NOTIFIER_SLACK_INTERVAL_MS: env(Env.int(1_000, 0, 60_000), 'At most one Slack message per this many ms per webhook URL.', { example: '1000' }),
  NOTIFIER_WEBHOOK_SECRETS: env(
    z.string().optional().transform((v, ctx) => {
      if (!v) return {} as Record<string, string>;
      try {
        const o: unknown = JSON.parse(v);
        if (typeof o === 'object' && o !== null && !Array.isArray(o) && Object.values(o).every((x) => typeof x === 'string' && x.length >= 16)) return o as Record<string, string>;
      } catch {
        // reported below, without echoing the value
      }
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object {"<reference>":"<secret of at least 16 characters>"}' });
      return z.NEVER;
    }),
    "Signing secrets of subscribers' webhooks by reference, as JSON {\"acme-1\":\"...\"}; a subscriber names its reference in webhookSecret.",
    { sensitive: true, example: '{}' },
  ),
  NOTIFIER_LEDGER_RETENTION_HOURS: env(
    Env.int(168, 1, 8_760),
    'Finished deliveries (sent, rejected) are tombstoned on the ledger this long after they settled, and a flag older than this is not alerted (a flag replayed later than this would otherwise be sent again).',
    { example: '168' },
  ),
  NOTIFIER_STALLED_INTERVAL_MS: env(Env.int(30_000, 1_000, 600_000), 'How often queue workers look for deliveries whose worker died (they are sent again).', { example: '30000' }),
};
export type NotifierEnv = EnvValues<typeof notifierEnv>;

export interface NotifierConfig {
  /** Raw subscriber list; validated by the notifier-subscriptions schema at module start. */
  subscribers: unknown;
  smtp: { url: string; from: string; poolConnections: number } | null;
  console: boolean;
  allowedWebhookPrefixes: string[];
  /** Redis holds the delivery queue when set; else (or absent) the queue is in memory (all-in-one). */
  redis?: { url: string; keyPrefix: string } | null;
  /** Brokers, to make the ledger topics compacted; null or absent: left as the bus created them. */
  kafkaBrokers?: string[] | null;
  /** Absent fields take DELIVERY_DEFAULTS. */
  delivery?: Partial<DeliverySettings>;
  /** Webhook signing secrets by the reference a subscriber's `webhookSecret` names. */
  webhookSecrets?: Record<string, string>;
  /** Signed feedback and unsubscribe links in alerts; null or absent: alerts carry none. */
  links?: { baseUrl: string; secret: string } | null;
}

export interface DeliverySettings {
  concurrency: number;
  retryWindowMs: number;
  retryBaseMs: number;
  slackIntervalMs: number;
  stalledIntervalMs: number;
  /** Finished deliveries older than this are tombstoned; flags older than this are not planned. */
  ledgerRetentionMs: number;
  /** How often the ledger is swept for finished deliveries past the retention. */
  sweepIntervalMs: number;
}

export const DELIVERY_DEFAULTS: DeliverySettings = {
  concurrency: 32, retryWindowMs: 24 * 3_600_000, retryBaseMs: 5_000, slackIntervalMs: 1_000, stalledIntervalMs: 30_000,
  ledgerRetentionMs: 168 * 3_600_000, sweepIntervalMs: 3_600_000,
};

/**
 * The link settings of alerts: the API's routes live under /v1 of the public URL, and the first link secret signs
 * (the API verifies with all of them, so a rotated key keeps old links working). No URL: no links. A URL without a
 * secret is refused at boot: links nobody can verify would be worse than none.
 */
export function alertLinks(publicUrl: string | undefined, linkSecrets: readonly string[]): NotifierConfig['links'] {
  if (!publicUrl) return null;
  if (!linkSecrets.length) throw new AppError(ErrorCode.ConfigInvalid, 'Invalid configuration:\n  - NOTIFIER_PUBLIC_URL is set but NOTIFIER_LINK_SECRETS is empty: alert links could not be signed');
  return { baseUrl: `${publicUrl.replace(/\/+$/, '')}/v1`, secret: linkSecrets[0] };
}

export function deliverySettings(config: NotifierConfig): DeliverySettings {
  return { ...DELIVERY_DEFAULTS, ...config.delivery };
}

export function notifierConfig(e: NotifierEnv & Pick<CommonEnv, 'REDIS_URL' | 'REDIS_KEY_PREFIX' | 'KAFKA_BROKERS'>, subscribersFile: unknown | null): NotifierConfig {
  let subscribers: unknown;
  if (subscribersFile !== null) {
    // Accept `{"subscribers":[...]}` or a bare array; anything else reaches validation unchanged,
    // which names the problem instead of guessing what was meant.
    const list = (subscribersFile as { subscribers?: unknown } | null)?.subscribers;
    subscribers = Array.isArray(subscribersFile) ? subscribersFile : Array.isArray(list) ? list : subscribersFile;
  } else {
    const channels = [...(e.ALERT_EMAIL_TO ? ['email'] : []), ...(e.ALERT_SLACK_WEBHOOK_URL ? ['slack'] : []), ...(e.ALERT_CONSOLE ? ['console'] : [])];
    subscribers = channels.length
      ? [{ id: 'default', name: 'Default subscriber', email: e.ALERT_EMAIL_TO, slackWebhookUrl: e.ALERT_SLACK_WEBHOOK_URL, channels, watchlist: {}, active: true }]
      : [];
  }
  return {
    subscribers,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM, poolConnections: e.SMTP_POOL_CONNECTIONS } : null,
    console: e.ALERT_CONSOLE,
    allowedWebhookPrefixes: e.SLACK_ALLOWED_WEBHOOK_PREFIXES,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : null,
    kafkaBrokers: e.KAFKA_BROKERS.length ? e.KAFKA_BROKERS : null,
    webhookSecrets: e.NOTIFIER_WEBHOOK_SECRETS,
    delivery: {
      concurrency: e.NOTIFIER_WORKER_CONCURRENCY,
      retryWindowMs: e.NOTIFIER_RETRY_WINDOW_HOURS * 3_600_000,
      retryBaseMs: e.NOTIFIER_RETRY_BASE_MS,
      slackIntervalMs: e.NOTIFIER_SLACK_INTERVAL_MS,
      stalledIntervalMs: e.NOTIFIER_STALLED_INTERVAL_MS,
      ledgerRetentionMs: e.NOTIFIER_LEDGER_RETENTION_HOURS * 3_600_000,
    },
  };
}

export function readSubscribersFile(path: string, read: (p: string) => string): unknown {
  try {
    return JSON.parse(read(path));
  } catch (e) {
    throw new AppError(ErrorCode.ConfigInvalid, `cannot read SUBSCRIBERS_FILE ${path}: ${(e as Error).message}`);
  }
}

import { z } from 'zod';
import { AppError, ErrorCode } from '@pharma-radar/contracts';
import { Env, env, EnvValues } from '@pharma-radar/platform-config';

export const notifierEnv = {
  SUBSCRIBERS_FILE: env(Env.optStr(), 'JSON file {"subscribers":[...]} with watchlists and channels. Unset: one subscriber from ALERT_* variables.', { example: 'config/subscribers.json' }),
  ALERT_EMAIL_TO: env(Env.optStr(), 'Email address of the single default subscriber (used when SUBSCRIBERS_FILE is unset).', { example: 'bd-team@pharma.example' }),
  ALERT_SLACK_WEBHOOK_URL: env(Env.optStr(), 'Slack incoming-webhook URL of the default subscriber.', { sensitive: true, example: 'https://hooks.slack.com/services/T000/B000/XXXX' }),
  ALERT_CONSOLE: env(Env.bool(false), 'Also print alerts to stdout (the all-in-one mode turns this on).', { example: 'false' }),
  SMTP_URL: env(Env.url(['smtp:', 'smtps:']), 'SMTP server for email alerts, e.g. smtp://user:pass@mail:587.', { sensitive: true, example: 'smtp://127.0.0.1:2525' }),
  SMTP_FROM: env(z.string().default('alerts@pharma-radar.example'), 'Sender address of alert emails.', { example: 'alerts@pharma-radar.example' }),
  SLACK_ALLOWED_WEBHOOK_PREFIXES: env(Env.list(), 'Extra webhook URL prefixes accepted besides hooks.slack.com (local test receivers only).', { example: '' }),
  NOTIFIER_HTTP_PORT: env(Env.int(3003, 0, 65_535), 'HTTP port of the notifier service (health, metrics).', { example: '3003' }),
};
export type NotifierEnv = EnvValues<typeof notifierEnv>;

export interface NotifierConfig {
  /** Raw subscriber list; validated by the notifier-subscriptions schema at module start. */
  subscribers: unknown;
  smtp: { url: string; from: string } | null;
  console: boolean;
  allowedWebhookPrefixes: string[];
}

export function notifierConfig(e: NotifierEnv, subscribersFile: unknown | null): NotifierConfig {
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
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : null,
    console: e.ALERT_CONSOLE,
    allowedWebhookPrefixes: e.SLACK_ALLOWED_WEBHOOK_PREFIXES,
  };
}

export function readSubscribersFile(path: string, read: (p: string) => string): unknown {
  try {
    return JSON.parse(read(path));
  } catch (e) {
    throw new AppError(ErrorCode.ConfigInvalid, `cannot read SUBSCRIBERS_FILE ${path}: ${(e as Error).message}`);
  }
}

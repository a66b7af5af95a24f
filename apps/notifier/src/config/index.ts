import { readFileSync } from 'node:fs';
import { subscriptionsApiConfig, subscriptionsApiEnv } from '@pharma-radar/notifier-api';
import { alertLinks, notifierConfig, notifierEnv, readSubscribersFile } from '@pharma-radar/notifier-service';
import { commonEnv, infraConfig, readEnv } from '@pharma-radar/platform-config';

export const envSpec = { ...commonEnv, ...notifierEnv, ...subscriptionsApiEnv };

export function loadConfig(source: NodeJS.ProcessEnv = process.env) {
  const e = readEnv(envSpec, source);
  const file = e.SUBSCRIBERS_FILE ? readSubscribersFile(e.SUBSCRIBERS_FILE, (p) => readFileSync(p, 'utf8')) : null;
  const infra = infraConfig(e);
  return {
    infra,
    http: { port: e.NOTIFIER_HTTP_PORT, host: e.HTTP_HOST },
    notifier: { ...notifierConfig(e, file), links: alertLinks(e.NOTIFIER_PUBLIC_URL, e.NOTIFIER_LINK_SECRETS) },
    subscriptions: subscriptionsApiConfig(e, infra, e.SLACK_ALLOWED_WEBHOOK_PREFIXES),
  };
}

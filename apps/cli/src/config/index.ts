import { readFileSync } from 'node:fs';
import { classifierEnv } from '@pharma-radar/classifier-service';
import { dashboardConfig, dashboardEnv } from '@pharma-radar/dashboard-service';
import { ingestConfig, ingestEnv, readFeedsFile } from '@pharma-radar/ingest-service';
import { subscriptionsApiConfig, subscriptionsApiEnv } from '@pharma-radar/notifier-api';
import { alertLinks, notifierConfig, notifierEnv, readSubscribersFile } from '@pharma-radar/notifier-service';
import { commonEnv, infraConfig, readEnv } from '@pharma-radar/platform-config';

/**
 * The embedded demo (no Kafka) polls the bundled invented sample feeds. Every other run, the image, compose and
 * Kubernetes read FEEDS_FILE (default config/feeds.json, real feeds only): a deployment must never alert real
 * subscribers about invented deals.
 */
export const DEMO_FEEDS_FILE = 'config/demo-feeds.json';

/** The all-in-one process reads every service's variables; it serves HTTP on the dashboard port. */
export const allInOneEnv = { ...commonEnv, ...ingestEnv, ...classifierEnv, ...notifierEnv, ...subscriptionsApiEnv, ...dashboardEnv };

export function loadAllInOneConfig(source: NodeJS.ProcessEnv = process.env) {
  // Embedded defaults: alerts are printed, and the HTTP server (dashboard, subscriptions API) answers this machine
  // only, unless the operator says otherwise (HTTP_HOST=0.0.0.0 exposes it).
  const e = readEnv(allInOneEnv, { ALERT_CONSOLE: 'true', HTTP_HOST: '127.0.0.1', ...source });
  const read = (p: string) => readFileSync(p, 'utf8');
  const infra = infraConfig(e);
  return {
    infra,
    http: { port: e.DASHBOARD_HTTP_PORT, host: e.HTTP_HOST },
    ingest: ingestConfig(e, readFeedsFile(!source.FEEDS_FILE && !infra.kafka ? DEMO_FEEDS_FILE : e.FEEDS_FILE, read), infra),
    notifier: { ...notifierConfig(e, e.SUBSCRIBERS_FILE ? readSubscribersFile(e.SUBSCRIBERS_FILE, read) : null), links: alertLinks(e.NOTIFIER_PUBLIC_URL, e.NOTIFIER_LINK_SECRETS) },
    subscriptions: subscriptionsApiConfig(e, infra, e.SLACK_ALLOWED_WEBHOOK_PREFIXES),
    dashboard: dashboardConfig(e),
  };
}

import { readFileSync } from 'node:fs';
import { classifierEnv } from '@pharma-radar/classifier-service';
import { dashboardEnv } from '@pharma-radar/dashboard-service';
import { ingestConfig, ingestEnv, readFeedsFile } from '@pharma-radar/ingest-service';
import { notifierConfig, notifierEnv, readSubscribersFile } from '@pharma-radar/notifier-service';
import { commonEnv, infraConfig, readEnv } from '@pharma-radar/platform-config';

/** The all-in-one process reads every service's variables; it serves HTTP on the dashboard port. */
export const allInOneEnv = { ...commonEnv, ...ingestEnv, ...classifierEnv, ...notifierEnv, ...dashboardEnv };

export function loadAllInOneConfig(source: NodeJS.ProcessEnv = process.env) {
  // Embedded defaults: alerts are printed unless the operator says otherwise.
  const e = readEnv(allInOneEnv, { ALERT_CONSOLE: 'true', ...source });
  const read = (p: string) => readFileSync(p, 'utf8');
  return {
    infra: infraConfig(e),
    http: { port: e.DASHBOARD_HTTP_PORT, host: e.HTTP_HOST },
    ingest: ingestConfig(e, readFeedsFile(e.FEEDS_FILE, read)),
    notifier: notifierConfig(e, e.SUBSCRIBERS_FILE ? readSubscribersFile(e.SUBSCRIBERS_FILE, read) : null),
  };
}

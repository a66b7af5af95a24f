import { readFileSync } from 'node:fs';
import { notifierConfig, notifierEnv, readSubscribersFile } from '@pharma-radar/notifier-service';
import { commonEnv, infraConfig, readEnv } from '@pharma-radar/platform-config';

export const envSpec = { ...commonEnv, ...notifierEnv };

export function loadConfig(source: NodeJS.ProcessEnv = process.env) {
  const e = readEnv(envSpec, source);
  const file = e.SUBSCRIBERS_FILE ? readSubscribersFile(e.SUBSCRIBERS_FILE, (p) => readFileSync(p, 'utf8')) : null;
  return { infra: infraConfig(e), http: { port: e.NOTIFIER_HTTP_PORT, host: e.HTTP_HOST }, notifier: notifierConfig(e, file) };
}

import { readFileSync } from 'node:fs';
import { commonEnv, infraConfig, readEnv } from '@pharma-radar/platform-config';
import { ingestConfig, ingestEnv, readFeedsFile } from '@pharma-radar/ingest-service';

export const envSpec = { ...commonEnv, ...ingestEnv };

export function loadConfig(source: NodeJS.ProcessEnv = process.env) {
  const e = readEnv(envSpec, source);
  const infra = infraConfig(e);
  return {
    infra,
    http: { port: e.INGEST_HTTP_PORT, host: e.HTTP_HOST },
    // With Redis the poller shares the feeds with other replicas (leases) and keeps the compact seen memory.
    ingest: ingestConfig(e, readFeedsFile(e.FEEDS_FILE, (p) => readFileSync(p, 'utf8')), infra),
  };
}

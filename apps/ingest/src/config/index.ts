import { readFileSync } from 'node:fs';
import { commonEnv, infraConfig, readEnv } from '@pharma-radar/platform-config';
import { ingestConfig, ingestEnv, readFeedsFile } from '@pharma-radar/ingest-service';

export const envSpec = { ...commonEnv, ...ingestEnv };

export function loadConfig(source: NodeJS.ProcessEnv = process.env) {
  const e = readEnv(envSpec, source);
  return {
    infra: infraConfig(e),
    http: { port: e.INGEST_HTTP_PORT, host: e.HTTP_HOST },
    ingest: ingestConfig(e, readFeedsFile(e.FEEDS_FILE, (p) => readFileSync(p, 'utf8')), infraConfig(e)),
  };
}

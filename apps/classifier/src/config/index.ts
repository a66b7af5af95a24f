import { classifierConfig, classifierEnv } from '@pharma-radar/classifier-service';
import { commonEnv, infraConfig, readEnv } from '@pharma-radar/platform-config';

export const envSpec = { ...commonEnv, ...classifierEnv };

export function loadConfig(source: NodeJS.ProcessEnv = process.env) {
  const e = readEnv(envSpec, source);
  return { infra: infraConfig(e), http: { port: e.CLASSIFIER_HTTP_PORT, host: e.HTTP_HOST }, classifier: classifierConfig(e) };
}

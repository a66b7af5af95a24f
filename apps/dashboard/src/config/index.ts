import { dashboardConfig, dashboardEnv } from '@pharma-radar/dashboard-service';
import { commonEnv, infraConfig, readEnv } from '@pharma-radar/platform-config';

export const envSpec = { ...commonEnv, ...dashboardEnv };

export function loadConfig(source: NodeJS.ProcessEnv = process.env) {
  const e = readEnv(envSpec, source);
  return { infra: infraConfig(e), http: { port: e.DASHBOARD_HTTP_PORT, host: e.HTTP_HOST }, dashboard: dashboardConfig(e) };
}

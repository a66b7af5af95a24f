import { Env, env, EnvValues } from '@pharma-radar/platform-config';

export const dashboardEnv = {
  DASHBOARD_HTTP_PORT: env(Env.int(3000, 0, 65_535), 'HTTP port of the dashboard (ops page, APIs, health, metrics); the all-in-one process serves everything here.', { example: '3000' }),
};
export type DashboardEnv = EnvValues<typeof dashboardEnv>;

import { Env, env, EnvValues } from '@pharma-radar/platform-config';
import { z } from 'zod';

// An HTTP header name (RFC 9110 token); refused at boot rather than never matching.
const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'must be an HTTP header name').optional();

export const dashboardEnv = {
  DASHBOARD_HTTP_PORT: env(Env.int(3000, 0, 65_535), 'HTTP port of the dashboard (ops page, APIs, health, metrics); the all-in-one process serves everything here.', { example: '3000' }),
  DASHBOARD_AUTH_API_URL: env(
    Env.url(['http:', 'https:']),
    "Base URL of the notifier's subscriptions API (ending in /v1): the dashboard checks a tenant API key with its GET /tenant. Unset in a standalone dashboard: API keys are refused. The all-in-one process checks keys in process.",
    { example: 'http://notifier:3003/v1' },
  ),
  DASHBOARD_TRUSTED_IDENTITY_HEADER: env(
    headerName,
    'Header a reverse proxy sets to the signed-in user (e.g. X-Forwarded-User). Unset: no header is trusted. Set it only when every request passes that proxy, which must drop the header from clients.',
    { example: 'X-Forwarded-User' },
  ),
};
export type DashboardEnv = EnvValues<typeof dashboardEnv>;

export interface DashboardConfig {
  auth: {
    /** Where a standalone dashboard checks API keys; null when the composition root gives a check, or none. */
    apiUrl: string | null;
    /** Lower-cased header name, or null: never trust a header. */
    trustedIdentityHeader: string | null;
  };
}

export function dashboardConfig(e: Partial<Pick<DashboardEnv, 'DASHBOARD_AUTH_API_URL' | 'DASHBOARD_TRUSTED_IDENTITY_HEADER'>>): DashboardConfig {
  return {
    auth: {
      apiUrl: e.DASHBOARD_AUTH_API_URL ? e.DASHBOARD_AUTH_API_URL.replace(/\/+$/, '') : null,
      trustedIdentityHeader: e.DASHBOARD_TRUSTED_IDENTITY_HEADER ? e.DASHBOARD_TRUSTED_IDENTITY_HEADER.toLowerCase() : null,
    },
  };
}

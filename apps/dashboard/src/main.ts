import { DashboardModule } from '@pharma-radar/dashboard-service';
import { runMain } from '@pharma-radar/platform-bootstrap';
import { loadConfig } from './config';

runMain('dashboard', async () => {
  const config = loadConfig();
  // Standalone: API keys are checked by the notifier's subscriptions API (DASHBOARD_AUTH_API_URL), or a trusted proxy names the user.
  return { infra: config.infra, http: config.http, modules: [DashboardModule.forRoot(config.dashboard, config.infra)] };
});

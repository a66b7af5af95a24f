import { DashboardModule } from '@pharma-radar/dashboard-service';
import { runMain } from '@pharma-radar/platform-bootstrap';
import { loadConfig } from './config';

runMain('dashboard', async () => {
  const config = loadConfig();
  return { infra: config.infra, http: config.http, modules: [DashboardModule] };
});

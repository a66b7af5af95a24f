import { NotifierModule } from '@pharma-radar/notifier-service';
import { runMain } from '@pharma-radar/platform-bootstrap';
import { loadConfig } from './config';

runMain('notifier', async () => {
  const config = loadConfig();
  return { infra: config.infra, http: config.http, modules: [NotifierModule.forRoot(config.notifier)] };
});

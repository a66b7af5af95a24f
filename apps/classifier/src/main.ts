import { ClassifierModule } from '@pharma-radar/classifier-service';
import { runMain } from '@pharma-radar/platform-bootstrap';
import { loadConfig } from './config';

runMain('classifier', async () => {
  const config = loadConfig();
  return { infra: config.infra, http: config.http, modules: [ClassifierModule.forRoot(config.classifier)] };
});

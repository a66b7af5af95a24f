import { IngestModule } from '@pharma-radar/ingest-service';
import { runMain } from '@pharma-radar/platform-bootstrap';
import { loadConfig } from './config';

runMain('ingest', async () => {
  const config = loadConfig();
  return { infra: config.infra, http: config.http, modules: [IngestModule.forRoot(config.ingest)] };
});

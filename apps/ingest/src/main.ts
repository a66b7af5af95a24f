import { feedsReadiness, IngestModule } from '@pharma-radar/ingest-service';
import { runMain } from '@pharma-radar/platform-bootstrap';
import { loadConfig } from './config';

runMain('ingest', async () => {
  const config = loadConfig();
  const feedIds = config.ingest.feeds.map((f) => f.id);
  return { infra: config.infra, http: config.http, modules: [IngestModule.forRoot(config.ingest)], checks: ({ store }) => ({ feeds: feedsReadiness(store, feedIds) }) };
});

import { ClassifierModule } from '@pharma-radar/classifier-service';
import { DashboardModule } from '@pharma-radar/dashboard-service';
import { IngestModule } from '@pharma-radar/ingest-service';
import { SubscriptionsApiModule } from '@pharma-radar/notifier-api';
import { NotifierModule } from '@pharma-radar/notifier-service';
import { ServiceOptions } from '@pharma-radar/platform-bootstrap';

// main.ts loads this module lazily, so the bootstrap library is reached through it, not imported there too.
export { runMain } from '@pharma-radar/platform-bootstrap';
import { loadAllInOneConfig } from '../config';

/** ingest + classifier + notifier (with its subscriptions API) + dashboard in one process, on Kafka/Redis when configured, else embedded. */
export async function allInOne(source: NodeJS.ProcessEnv = process.env): Promise<Omit<ServiceOptions, 'name'>> {
  const config = loadAllInOneConfig(source);
  return {
    infra: config.infra,
    http: config.http,
    modules: [
      IngestModule.forRoot(config.ingest),
      ClassifierModule,
      // As in the standalone notifier: the API provides the subscriber directory (seeded from the file) to delivery.
      SubscriptionsApiModule.forRoot(config.subscriptions, { seedSubscribers: config.notifier.subscribers }),
      NotifierModule.forRoot(config.notifier),
      DashboardModule,
    ],
  };
}

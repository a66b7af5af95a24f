import { COMMITTED_WEIGHTS } from '@pharma-radar/classifier-collaboration';
import { ClassifierModule } from '@pharma-radar/classifier-service';
import { DashboardModule, modelCardFrom } from '@pharma-radar/dashboard-service';
import { feedsReadiness, IngestModule } from '@pharma-radar/ingest-service';
import { SubscriptionsApiModule, SubscriptionsService } from '@pharma-radar/notifier-api';
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
      DashboardModule.forRoot(config.dashboard, config.infra, {
        // Keys are checked by the subscriptions API running beside it: the same tenants, the same hashing.
        apiKeyCheck: { inject: [SubscriptionsService], useFactory: (s: SubscriptionsService) => tenantKeyCheck(s) },
        modelCard: modelCardFrom(COMMITTED_WEIGHTS),
        // Embedded demo: tenants live in memory and vanish with the process, so a demo tenant's key is printed at start.
        ...(config.subscriptions.kafka ? {} : { demoKey: { inject: [SubscriptionsService], useFactory: (s: SubscriptionsService) => async () => (await s.createTenant('demo')).apiKey.key } }),
      }),
    ],
    // As in the standalone ingest service: not ready while most configured feeds failed their last poll.
    checks: ({ store }) => ({ feeds: feedsReadiness(store, config.ingest.feeds.map((f) => f.id)) }),
  };
}

function tenantKeyCheck(service: SubscriptionsService) {
  return async (key: string) => {
    try {
      const tenant = service.authenticate(`Bearer ${key}`);
      return { kind: 'api-key' as const, id: tenant.id, name: tenant.name };
    } catch {
      return null;
    }
  };
}

import { SUBSCRIBER_DIRECTORY, SubscriptionsApiModule } from '@pharma-radar/notifier-api';
import { NotifierModule } from '@pharma-radar/notifier-service';
import { runMain } from '@pharma-radar/platform-bootstrap';
import { loadConfig } from './config';

runMain('notifier', async () => {
  const config = loadConfig();
  return {
    infra: config.infra,
    http: config.http,
    modules: [
      // The subscriptions API, with the file's subscribers as seed; it provides SUBSCRIBER_DIRECTORY to delivery.
      SubscriptionsApiModule.forRoot(config.subscriptions, { seedSubscribers: config.notifier.subscribers }),
      // Delivery reads the directory, so subscribers added through the API are alerted without a restart.
      NotifierModule.forRoot(config.notifier, { subscriberSource: SUBSCRIBER_DIRECTORY }),
    ],
  };
});

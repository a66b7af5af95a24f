import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { subscriptionKeys } from '@pharma-radar/contracts';
import { infraFromEnv } from '@pharma-radar/testing';
import { KafkaSubscriptionLog } from './kafka-subscription-log';
import { SubscriptionsService } from './subscriptions.service';
import { aSubscriberBody, aTenant, startApi, type TestApi } from './test/start-api';

// The durable store on the real broker: what the API accepted is there again after the API (and its reader) restart.
describe('subscriptions API on Kafka (real broker)', () => {
  const brokers = () => infraFromEnv().kafkaBrokers;
  const kafkaConfig = (topic: string) => ({ kafka: { brokers: brokers(), clientId: 'subscriptions-int' }, topic });
  const running: TestApi[] = [];
  const start = async (topic: string) => {
    const api = await startApi(kafkaConfig(topic));
    running.push(api);
    return api;
  };
  const stop = async (api: TestApi) => {
    running.splice(running.indexOf(api), 1);
    await api.close();
  };
  afterAll(() => Promise.all(running.map((a) => a.close())));

  it('should serve the same tenants, keys and subscribers after the API module restarts', async () => {
    const topic = `pharma-radar.subscriptions.v1.it-${randomUUID()}`;
    const first = await start(topic);
    const tenant = await aTenant(first);
    expect((await first.call('POST', '/v1/subscribers', { key: tenant.key, body: aSubscriberBody('kept') })).status).toBe(201);
    expect((await first.call('POST', '/v1/subscribers', { key: tenant.key, body: aSubscriberBody('deleted') })).status).toBe(201);
    expect((await first.call('PUT', '/v1/subscribers/kept', { key: tenant.key, body: aSubscriberBody('kept', { name: 'renamed' }) })).status).toBe(200);
    expect((await first.call('DELETE', '/v1/subscribers/deleted', { key: tenant.key })).status).toBe(204);
    await stop(first);

    const second = await start(topic);
    const list = await second.call('GET', '/v1/subscribers', { key: tenant.key });
    expect(list.status).toBe(200);
    expect(list.body.subscribers.map((s: { id: string; name: string }) => [s.id, s.name])).toEqual([['kept', 'renamed']]);
    expect(list.body.subscribers[0].watchlist.companies).toEqual(['AstraZeneca']);
  });

  it('should let a second reader follow writes made after it started (the notifier keeps following the topic)', async () => {
    const topic = `pharma-radar.subscriptions.v1.it-${randomUUID()}`;
    const api = await start(topic);
    const follower = new SubscriptionsService(new KafkaSubscriptionLog({ brokers: brokers(), clientId: 'subscriptions-int-follower', topic }), {
      vocabulary: { check: (w) => ({ ok: true, watchlist: w, problems: [], resolved: [], warnings: [] }) },
      webhookPolicy: {},
      seed: [],
      maxSubscribersPerTenant: 10,
    });
    await follower.start();
    try {
      const changed = new Promise<readonly { id: string }[]>((resolve) => follower.onChange((list) => list.length > 0 && resolve(list)));
      const tenant = await aTenant(api);
      expect((await api.call('POST', '/v1/subscribers', { key: tenant.key, body: aSubscriberBody('followed') })).status).toBe(201);
      expect((await changed).map((s) => s.id)).toEqual([`${tenant.id}.followed`]);
    } finally {
      await follower.stop();
    }
  });

  it('should create its topic compacted, keyed by tenant and subscriber', async () => {
    const topic = `pharma-radar.subscriptions.v1.it-${randomUUID()}`;
    const api = await start(topic);
    const tenant = await aTenant(api);
    await api.call('POST', '/v1/subscribers', { key: tenant.key, body: aSubscriberBody('keyed') });
    const admin = new Kafka({ clientId: 'subscriptions-int-admin', brokers: brokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: topic, configNames: ['cleanup.policy'] }] });
      expect(resources[0].configEntries.find((c) => c.configName === 'cleanup.policy')?.configValue).toBe('compact');
    } finally {
      await admin.disconnect();
    }
    expect(subscriptionKeys.parse(subscriptionKeys.subscriber(tenant.id, 'keyed'))).toEqual({ kind: 'subscriber', tenantId: tenant.id, subscriberId: 'keyed' });
  });
});

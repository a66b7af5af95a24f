import { Topics } from '@pharma-radar/contracts';
import { configureLogging } from '@pharma-radar/platform-logging';
import { aFlag, expectEventually } from '@pharma-radar/testing';
import { ADMIN_KEY, closeAfterEach, harness, type Harness } from './harness';

jest.setTimeout(180_000);
configureLogging({ service: 'notifier-channels-int', level: 'silent' });

async function call(base: string, method: string, path: string, key: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read whatever JSON came back
  const res = await fetch(base + path, { method, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, body: await res.json() };
}

// The notifier app as composed in apps/notifier (API + delivery), two replicas, on the real broker, Redis and a Slack-like receiver.
describe('re-enabling a disabled channel through the subscriptions API (real Kafka, Redis, HTTP)', () => {
  let h: Harness | undefined;
  closeAfterEach(() => h);

  it('should alert a Slack channel again, from either replica, once its owner re-enabled it after a 410', async () => {
    h = await harness('n-enable', [{ status: 410 }]);
    const a = await h.startApp();
    const b = await h.startApp();
    const tenant = await call(a.url, 'POST', '/v1/tenants', ADMIN_KEY, { name: 'Acme BD' });
    expect(tenant.status).toBe(201);
    const key = tenant.body.apiKey.key as string;
    const desk = { id: 'desk', slackWebhookUrl: `${h.slack.url}/services/T0/B0/desk`, channels: ['slack'], watchlist: {} };
    expect((await call(a.url, 'POST', '/v1/subscribers', key, desk)).status).toBe(201);
    // Delivery reads subscribers from the followed subscriptions log: wait until both replicas know the desk.
    await expectEventually(async () => expect((await call(b.url, 'GET', '/v1/subscribers/desk', key)).status).toBe(200), { timeoutMs: 30_000, intervalMs: 200 });

    await h.flag(a, aFlag().id('c-refused').build());
    await expectEventually(async () => {
      const r = await call(b.url, 'GET', '/v1/subscribers/desk/channels', key);
      expect(r.body.channels).toEqual([{ channel: 'slack', state: 'disabled', disabled: expect.objectContaining({ code: 'SLACK_CHANNEL_ARCHIVED' }) }]);
    }, { timeoutMs: 60_000, intervalMs: 250 });

    const enabled = await call(b.url, 'POST', '/v1/subscribers/desk/channels/slack/enable', key);
    expect(enabled).toEqual({ status: 200, body: { channel: 'slack', state: 'enabled', changed: true } });
    await expectEventually(async () => {
      expect((await call(a.url, 'GET', '/v1/subscribers/desk/channels', key)).body.channels).toEqual([{ channel: 'slack', state: 'enabled' }]);
    }, { timeoutMs: 30_000, intervalMs: 200 });

    // Flags reach whichever replica owns their partition; both must now alert the channel.
    const after = ['c-on-1', 'c-on-2', 'c-on-3', 'c-on-4', 'c-on-5', 'c-on-6'];
    for (const id of after) await h.flag(b, aFlag().id(id).build());
    await expectEventually(() => expect(h!.slackLog.filter((r) => r.status === 200)).toHaveLength(6), { timeoutMs: 60_000, intervalMs: 250 });
    const ops = (await h.records(a, Topics.opsEvents)).map((e) => e.type);
    expect(ops).toEqual(['channel-disabled', 'channel-enabled']);
    const ledger = await h.records(a, Topics.deliveries);
    expect(ledger.filter((r) => r.state === 'sent').map((r) => r.collaborationId).sort()).toEqual(after);
  });
});

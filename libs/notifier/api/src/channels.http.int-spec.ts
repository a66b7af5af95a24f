import { globalSubscriberId, type ChannelSwitches, type DisabledChannel } from '@pharma-radar/notifier-subscriptions';
import { aSubscriberBody, aTenant, startApi, type TestApi } from './test/start-api';

/** The delivery side's switches as a map; the notifier's own (on the ops-events log) is tested in apps/notifier. */
class Switches implements ChannelSwitches {
  readonly off = new Map<string, DisabledChannel>();
  failing = false;
  disable(subscriberId: string, channel: string) {
    this.off.set(`${subscriberId}/${channel}`, { subscriberId, channel, code: 'SLACK_CHANNEL_ARCHIVED', reason: '410 channel_is_archived', at: '2026-12-07T10:00:00.000Z' });
  }
  disabledChannels(subscriberId: string): DisabledChannel[] {
    return [...this.off.values()].filter((d) => d.subscriberId === subscriberId);
  }
  async enable(subscriberId: string, channel: string): Promise<boolean> {
    if (this.failing) throw new Error('broker down');
    return this.off.delete(`${subscriberId}/${channel}`);
  }
}

// The channel routes over real HTTP on 127.0.0.1: authenticated like every subscriber route, scoped to the tenant.
describe('subscriptions API: channel states over HTTP', () => {
  let api: TestApi;
  const switches = new Switches();
  let a: { id: string; key: string };
  let b: { id: string; key: string };

  beforeAll(async () => {
    api = await startApi({}, {}, { switches });
    a = await aTenant(api, 'Tenant A');
    b = await aTenant(api, 'Tenant B');
    const body = aSubscriberBody('desk', { slackWebhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXXXXXX', channels: ['email', 'slack'] });
    expect((await api.call('POST', '/v1/subscribers', { key: a.key, body })).status).toBe(201);
  });
  afterAll(() => api.close());

  it('should show a channel a refusal disabled, with its code and reason, and the others enabled', async () => {
    switches.disable(globalSubscriberId(a.id, 'desk'), 'slack');
    const r = await api.call('GET', '/v1/subscribers/desk/channels', { key: a.key });
    expect(r.status).toBe(200);
    expect(r.body.channels).toEqual([
      { channel: 'email', state: 'enabled' },
      { channel: 'slack', state: 'disabled', disabled: { code: 'SLACK_CHANNEL_ARCHIVED', reason: '410 channel_is_archived', at: '2026-12-07T10:00:00.000Z' } },
    ]);
  });

  it('should switch a disabled channel back on, and change nothing when it is asked again', async () => {
    switches.disable(globalSubscriberId(a.id, 'desk'), 'slack');
    const first = await api.call('POST', '/v1/subscribers/desk/channels/slack/enable', { key: a.key });
    expect({ status: first.status, body: first.body }).toEqual({ status: 200, body: { channel: 'slack', state: 'enabled', changed: true } });
    expect(switches.disabledChannels(globalSubscriberId(a.id, 'desk'))).toEqual([]);
    const again = await api.call('POST', '/v1/subscribers/desk/channels/slack/enable', { key: a.key, body: {} });
    expect(again.body).toEqual({ channel: 'slack', state: 'enabled', changed: false });
  });

  it('should answer 401 without a valid key and 404 for another tenant\'s subscriber, a missing one, or a channel it does not have', async () => {
    switches.disable(globalSubscriberId(a.id, 'desk'), 'slack');
    expect((await api.call('POST', '/v1/subscribers/desk/channels/slack/enable')).status).toBe(401);
    expect((await api.call('GET', '/v1/subscribers/desk/channels', { key: 'prk_wrong' })).status).toBe(401);
    expect((await api.call('POST', '/v1/subscribers/desk/channels/slack/enable', { key: b.key })).status).toBe(404);
    expect((await api.call('GET', '/v1/subscribers/desk/channels', { key: b.key })).status).toBe(404);
    expect((await api.call('POST', '/v1/subscribers/nobody/channels/slack/enable', { key: a.key })).status).toBe(404);
    expect((await api.call('POST', '/v1/subscribers/desk/channels/webhook/enable', { key: a.key })).body.error.code).toBe('NOT_FOUND');
    expect((await api.call('POST', '/v1/subscribers/desk/channels/pager/enable', { key: a.key })).status).toBe(404);
    // Nothing was switched on by any of those.
    expect(switches.disabledChannels(globalSubscriberId(a.id, 'desk'))).toHaveLength(1);
  });

  it('should refuse a body with fields, and answer 503 when the switch cannot be recorded', async () => {
    const r = await api.call('POST', '/v1/subscribers/desk/channels/slack/enable', { key: a.key, body: { force: true } });
    expect({ status: r.status, code: r.body.error.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    switches.failing = true;
    try {
      const down = await api.call('POST', '/v1/subscribers/desk/channels/slack/enable', { key: a.key });
      expect({ status: down.status, code: down.body.error.code }).toEqual({ status: 503, code: 'STORE_UNAVAILABLE' });
    } finally {
      switches.failing = false;
    }
  });

  it('should answer 503 on these routes when the API runs without the delivery module', async () => {
    const alone = await startApi();
    try {
      const t = await aTenant(alone);
      expect((await alone.call('POST', '/v1/subscribers', { key: t.key, body: aSubscriberBody('x') })).status).toBe(201);
      const r = await alone.call('GET', '/v1/subscribers/x/channels', { key: t.key });
      expect({ status: r.status, code: r.body.error.code }).toEqual({ status: 503, code: 'STORE_UNAVAILABLE' });
    } finally {
      await alone.close();
    }
  });
});

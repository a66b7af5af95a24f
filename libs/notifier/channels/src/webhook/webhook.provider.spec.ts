import type { LookupFunction } from 'node:net';
import { alertModel, type AlertMessage } from '@pharma-radar/notifier-subscriptions';
import { aFlag, startHttpServer, type TestHttpServer } from '@pharma-radar/testing';
import { DeliveryCode } from '../provider';
import { WebhookProvider } from './webhook.provider';

const message = (): AlertMessage => ({ alert: alertModel(aFlag().build()), subject: '', text: '', html: '', slack: { text: '', blocks: [] } });
const secrets = (ref: string) => (ref === 'env:ACME' ? 'whsec_0123456789' : undefined);
const recipient = { subscriberId: 'sub-1', webhookUrl: 'https://hooks.customer.example/in', webhookSecret: 'env:ACME' };

describe('WebhookProvider refusals (nothing is sent)', () => {
  let receiver: TestHttpServer;
  beforeAll(async () => {
    receiver = await startHttpServer();
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.requests.length = 0;
  });

  it('should reject for good when the recipient has no URL or no secret reference', async () => {
    const p = new WebhookProvider({ resolveSecret: secrets });
    expect(await p.send(message(), { subscriberId: 's' })).toMatchObject({ status: 'rejected', code: DeliveryCode.RecipientMissing });
    expect(await p.send(message(), { ...recipient, webhookSecret: undefined })).toMatchObject({ status: 'rejected', code: DeliveryCode.RecipientMissing });
  });

  it('should ask to retry when the secret reference does not resolve, since that is our configuration', async () => {
    const p = new WebhookProvider({ resolveSecret: () => undefined });
    expect(await p.send(message(), recipient)).toMatchObject({ status: 'retry', code: DeliveryCode.WebhookSecretMissing });
  });

  it.each(['http://hooks.customer.example/in', 'https://127.0.0.1/in', 'https://localhost/in', 'https://u:p@hooks.customer.example/in'])(
    'should refuse %s before connecting',
    async (webhookUrl) => {
      const p = new WebhookProvider({ resolveSecret: secrets });
      expect(await p.send(message(), { ...recipient, webhookUrl })).toMatchObject({ status: 'rejected', code: DeliveryCode.WebhookUrlRefused });
    },
  );

  it('should refuse a public name that resolves to a private address, without connecting', async () => {
    // Were the address not checked, the provider would connect to 127.0.0.1:443 and answer retry (network).
    const toReceiver = ((_h: string, _o: unknown, cb: (e: null, a: Array<{ address: string; family: number }>) => void) => cb(null, [{ address: '127.0.0.1', family: 4 }])) as unknown as LookupFunction;
    const p = new WebhookProvider({ resolveSecret: secrets, lookup: toReceiver, timeoutMs: 1_000 });
    const result = await p.send(message(), { ...recipient, webhookUrl: `https://hooks.customer.example/in` });
    expect(result).toMatchObject({ status: 'rejected', code: DeliveryCode.WebhookUrlRefused, message: expect.stringContaining('non-public address') });
  });

  it('should ask to retry, not refuse, a message without any model, so the channel is not disabled for our bug', async () => {
    const p = new WebhookProvider({ resolveSecret: secrets, allowedWebhookPrefixes: [`${receiver.url}/`] });
    const digest: AlertMessage = { subject: 'digest', text: 't', html: 'h', slack: { text: 's', blocks: [] } };
    expect(await p.send(digest, { ...recipient, webhookUrl: `${receiver.url}/in` })).toMatchObject({ status: 'retry', code: DeliveryCode.MessageUnsupported });
    expect(receiver.requests).toHaveLength(0);
  });

  it('should post a digest body listing its alerts when the message carries digest models', async () => {
    receiver.setHandler((_req, res) => res.writeHead(200).end());
    const p = new WebhookProvider({ resolveSecret: secrets, allowedWebhookPrefixes: [`${receiver.url}/`], now: () => Date.parse('2026-12-07T10:00:00Z') });
    const alerts = [alertModel(aFlag().id('c1').build()), alertModel(aFlag().id('c2').build())];
    const digest: AlertMessage = { subject: 'digest', text: 't', html: 'h', slack: { text: 's', blocks: [] }, digest: { period: 'daily', alerts, total: 3 } };
    expect(await p.send(digest, { ...recipient, webhookUrl: `${receiver.url}/in` }, { idempotencyKey: 'digest:v1:sub-1:webhook:2026-12-07' })).toMatchObject({ status: 'sent' });
    const body = JSON.parse(receiver.requests[0].body);
    expect(body).toMatchObject({ type: 'pharma-radar.collaboration.digest', version: 1, id: 'digest:v1:sub-1:webhook:2026-12-07', period: 'daily', total: 3 });
    expect(body.alerts.map((a: { collaborationId: string }) => a.collaborationId)).toEqual(['c1', 'c2']);
  });

  it('should not connect when the signal is already aborted', async () => {
    const p = new WebhookProvider({ resolveSecret: secrets, allowedWebhookPrefixes: [`${receiver.url}/`] });
    const ac = new AbortController();
    ac.abort();
    expect(await p.send(message(), { ...recipient, webhookUrl: `${receiver.url}/in` }, { signal: ac.signal })).toMatchObject({ status: 'retry', code: DeliveryCode.Aborted });
    expect(receiver.requests).toHaveLength(0);
  });

  it('should ask to retry when the caller aborts a stalled send', async () => {
    receiver.setHandler(() => new Promise(() => undefined));
    const p = new WebhookProvider({ resolveSecret: secrets, allowedWebhookPrefixes: [`${receiver.url}/`], timeoutMs: 5_000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    expect(await p.send(message(), { ...recipient, webhookUrl: `${receiver.url}/in` }, { signal: ac.signal })).toMatchObject({ status: 'retry', code: DeliveryCode.Aborted });
  });

  it('should fail fast at construction when the link settings are unsafe', () => {
    expect(() => new WebhookProvider({ resolveSecret: secrets, links: { baseUrl: 'https://radar.example.com', secret: 'short' } })).toThrow(/32 bytes/);
  });
});

import type { LookupFunction } from 'node:net';
import { alertModel, type AlertMessage } from '@pharma-radar/notifier-subscriptions';
import { aFlag, startHttpServer, type TestHttpServer } from '@pharma-radar/testing';
import { DeliveryCode } from '../provider';
import { WebhookProvider } from './webhook.provider';

const message = (): AlertMessage => ({ alert: alertModel(aFlag().build()), subject: '', text: '', html: '', slack: { text: '', blocks: [] } });
const secrets = (ref: string) => (ref === 'env:ACME' ? 'whsec_0123456789' : undefined);
const recipient = { subscriberId: 'sub-1', webhookUrl: 'https://hooks.customer.example/in', webhookSecretRef: 'env:ACME' };

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
    expect(await p.send(message(), { ...recipient, webhookSecretRef: undefined })).toMatchObject({ status: 'rejected', code: DeliveryCode.RecipientMissing });
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

  it('should refuse a message without an alert model (a pre-rendered digest)', async () => {
    const p = new WebhookProvider({ resolveSecret: secrets, allowedWebhookPrefixes: [`${receiver.url}/`] });
    const digest: AlertMessage = { subject: 'digest', text: 't', html: 'h', slack: { text: 's', blocks: [] } };
    expect(await p.send(digest, { ...recipient, webhookUrl: `${receiver.url}/in` })).toMatchObject({ status: 'rejected', code: DeliveryCode.MessageUnsupported });
    expect(receiver.requests).toHaveLength(0);
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

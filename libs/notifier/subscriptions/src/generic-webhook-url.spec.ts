import { genericWebhookUrlProblem } from './generic-webhook-url';
import { parseSubscriber } from './subscriber';

describe('genericWebhookUrlProblem', () => {
  it.each(['https://hooks.customer.example/pharma-radar', 'https://api.customer.example:443/in?key=abc'])('should accept %s', (url) => {
    expect(genericWebhookUrlProblem(url)).toBeNull();
  });

  it.each([
    ['', 'empty'],
    [`https://a.example/${'x'.repeat(2_000)}`, 'too_long'],
    ['https://a.example/x y', 'forbidden_character'],
    ['https://a.example\\@evil.example/', 'forbidden_character'],
    ['https://a.example/\r\nX: 1', 'forbidden_character'],
    ['not a url', 'forbidden_character'],
    ['//a.example/x', 'not_a_url'],
    ['http://hooks.customer.example/x', 'not_https'],
    ['gopher://hooks.customer.example/x', 'not_https'],
    ['https://user:pass@hooks.customer.example/x', 'credentials'],
    ['https://hooks.customer.example/x#frag', 'fragment'],
    ['https://hooks.customer.example:8443/x', 'port'],
    ['https://127.0.0.1/x', 'ip_literal'],
    ['https://2130706433/x', 'ip_literal'],
    ['https://0x7f.1/x', 'ip_literal'],
    ['https://[::1]/x', 'ip_literal'],
    ['https://169.254.169.254/latest/meta-data/', 'ip_literal'],
    ['https://localhost/x', 'internal_host'],
    ['https://redis/x', 'internal_host'],
    ['https://api.localhost/x', 'internal_host'],
    ['https://notifier.default.svc/x', 'internal_host'],
    ['https://metadata.google.internal/x', 'internal_host'],
  ])('should refuse %j as %s', (url, problem) => {
    expect(genericWebhookUrlProblem(url)).toBe(problem);
  });

  it('should accept a local URL only under an allowed prefix with the same origin', () => {
    const policy = { allowedWebhookPrefixes: ['http://127.0.0.1:4010/'] };
    expect(genericWebhookUrlProblem('http://127.0.0.1:4010/hook', policy)).toBeNull();
    expect(genericWebhookUrlProblem('http://127.0.0.1:4011/hook', policy)).toBe('not_https');
    expect(genericWebhookUrlProblem('http://127.0.0.1:4010@evil.example/', policy)).toBe('credentials');
  });
});

describe('subscriber with the webhook channel', () => {
  const base = { id: 'sub-w', channels: ['webhook'], watchlist: {}, active: true };

  it('should accept a webhook URL with a secret reference', () => {
    const result = parseSubscriber({ ...base, webhookUrl: 'https://hooks.customer.example/in', webhookSecret: 'env:ACME_WEBHOOK_SECRET' });
    expect(result).toMatchObject({ ok: true, subscriber: { webhookUrl: 'https://hooks.customer.example/in', webhookSecret: 'env:ACME_WEBHOOK_SECRET' } });
  });

  it('should require both the URL and the secret reference when the channel is webhook', () => {
    expect(parseSubscriber(base)).toEqual({ ok: false, errors: expect.arrayContaining(['webhookUrl: required when channels include webhook', 'webhookSecret: required when channels include webhook']) });
  });

  it('should refuse a private URL and a secret value that is not a reference without echoing either', () => {
    const result = parseSubscriber({ ...base, webhookUrl: 'https://10.0.0.5/in', webhookSecret: 'whsec live secret!' });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('10.0.0.5');
    expect(JSON.stringify(result)).not.toContain('whsec live secret!');
  });
});

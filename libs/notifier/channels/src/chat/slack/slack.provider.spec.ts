import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderAlert, type AlertMessage } from '@pharma-radar/notifier-subscriptions';
import { DeliveryCode } from '../../provider';
import { retryAfterMs, SlackWebhookProvider } from './slack.provider';
import { slackCard } from './slack-blocks.serializer';

const TOKEN = 'abcDEF123ghiJKL456mnoPQR';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A fake Slack on 127.0.0.1 whose answer per path is set by each test. */
class FakeSlack {
  readonly seen: Seen[] = [];
  routes = new Map<string, (res: ServerResponse) => void>();
  private server!: Server;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const route = this.routes.get(req.url ?? '');
        if (route) route(res);
        else res.writeHead(404, { 'content-type': 'text/plain' }).end('no_service');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const message: AlertMessage = renderAlert({
  collaborationId: 'c1', revision: 1, articleId: 'a1', title: 'AstraZeneca & Petrov <!channel> partner', url: 'https://news.example.com/a',
  source: 'Example News', publishedAt: null, ingestedAt: '2025-03-04T09:05:00Z',
  sources: [{ articleId: 'a1', url: 'https://news.example.com/a', source: null, publishedAt: null }],
  classification: {
    is_rd_collaboration: true, event_type: 'research_collaboration',
    parties: [{ name: 'AstraZeneca', type: 'pharma' }, { name: 'N.N. Petrov Institute of Oncology', type: 'academic' }],
    therapeutic_areas: ['oncology'], modalities: [], geographies: [], financial_terms: null, confidence: 0.9, evidence: 'They will collaborate.', model_version: 'm1',
  },
});

describe('SlackWebhookProvider', () => {
  const slack = new FakeSlack();
  let provider: SlackWebhookProvider;
  const hookPath = `/services/T0123/B0456/${TOKEN}`;
  const send = (path: string, opts = {}) => provider.send(message, { subscriberId: 'sub-1', slackWebhookUrl: slack.url(path) }, opts);
  const reply = (status: number, body: string, headers: Record<string, string> = {}) => (res: ServerResponse) =>
    res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(body);

  beforeAll(() => slack.start());
  afterAll(() => slack.stop());
  beforeEach(() => {
    slack.seen.length = 0;
    slack.routes.clear();
    provider = new SlackWebhookProvider({ allowedWebhookPrefixes: [slack.url('/')], timeoutMs: 500 });
  });

  it('should POST exactly the rendered JSON when sending', async () => {
    slack.routes.set(hookPath, reply(200, 'ok'));
    const result = await send(hookPath);
    expect(result).toEqual({ status: 'sent' });
    expect(slack.seen).toHaveLength(1);
    const [req] = slack.seen;
    expect(req.method).toBe('POST');
    expect(req.url).toBe(hookPath);
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(req.body)).toEqual(slackCard(message.alert!));
    expect(req.body).not.toContain('<!channel>');
    expect(req.body).toContain('&lt;!channel&gt;');
  });

  it('should carry the delivery\'s idempotency key as a header so a repeated send can be recognised', async () => {
    slack.routes.set(hookPath, reply(200, 'ok'));
    await send(hookPath, { idempotencyKey: 'delivery:v1:sub-1:slack:c1' });
    await send(hookPath);
    expect(slack.seen.map((r) => r.headers['idempotency-key'])).toEqual(['delivery:v1:sub-1:slack:c1', undefined]);
  });

  it.each([
    [3, 3_000],
    [120, 120_000],
  ])('should ask to retry after %ds when Slack answers 429 with Retry-After', async (seconds, ms) => {
    slack.routes.set(hookPath, reply(429, 'rate_limited', { 'retry-after': String(seconds) }));
    expect(await send(hookPath)).toEqual({ status: 'retry', code: DeliveryCode.SlackRateLimited, message: expect.any(String), retryAfterMs: ms });
  });

  it('should use the default back-off when a 429 has no Retry-After', async () => {
    slack.routes.set(hookPath, reply(429, 'rate_limited'));
    provider = new SlackWebhookProvider({ allowedWebhookPrefixes: [slack.url('/')], defaultRetryAfterMs: 7_000 });
    expect(await send(hookPath)).toMatchObject({ status: 'retry', retryAfterMs: 7_000 });
  });

  it.each([500, 502, 503])('should ask to retry when Slack answers %d', async (status) => {
    slack.routes.set(hookPath, reply(status, 'internal_error'));
    expect(await send(hookPath)).toEqual({ status: 'retry', code: DeliveryCode.SlackServerError, message: `http://127.0.0.1:${slack.port}/services/***: ${status} internal_error` });
  });

  it.each([
    [403, 'invalid_token', DeliveryCode.SlackInvalidToken],
    [404, 'no_service', DeliveryCode.SlackNoService],
    [410, 'channel_is_archived', DeliveryCode.SlackChannelArchived],
    [400, 'invalid_payload', DeliveryCode.SlackInvalidPayload],
    [403, 'action_prohibited', DeliveryCode.SlackRejected],
    [403, '<html>forbidden</html>', DeliveryCode.SlackInvalidToken],
    [418, 'teapot', DeliveryCode.SlackRejected],
  ])('should reject for good when Slack answers %d %s', async (status, body, code) => {
    slack.routes.set(hookPath, reply(status, body));
    const result = await send(hookPath);
    expect(result).toEqual({ status: 'rejected', code, message: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/services/\\*\\*\\*: ${status}`)) });
    // Whatever the body says, only a slug-shaped word is repeated back.
    expect(JSON.stringify(result)).not.toContain('<html>');
  });

  it('should not follow a redirect when the webhook answers 302', async () => {
    slack.routes.set(hookPath, (res) => res.writeHead(302, { location: slack.url('/canary') }).end());
    expect(await send(hookPath)).toMatchObject({ status: 'rejected', code: DeliveryCode.SlackRedirect });
    expect(slack.seen.map((s) => s.url)).toEqual([hookPath]);
  });

  it('should ask to retry when Slack answers after the timeout', async () => {
    slack.routes.set(hookPath, (res) => setTimeout(() => res.writeHead(200).end('ok'), 2_000).unref());
    const started = Date.now();
    expect(await send(hookPath)).toEqual({ status: 'retry', code: DeliveryCode.Timeout, message: expect.stringContaining('within 500 ms') });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('should ask to retry when the caller aborts', async () => {
    slack.routes.set(hookPath, (res) => setTimeout(() => res.writeHead(200).end('ok'), 2_000).unref());
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    expect(await send(hookPath, { signal: ac.signal })).toMatchObject({ status: 'retry', code: DeliveryCode.Aborted });
  });

  it('should not connect when the signal is already aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    expect(await send(hookPath, { signal: ac.signal })).toMatchObject({ status: 'retry', code: DeliveryCode.Aborted });
    expect(slack.seen).toHaveLength(0);
  });

  it('should ask to retry without echoing the token when the connection is refused', async () => {
    const closed = new FakeSlack();
    await closed.start();
    const deadUrl = closed.url(hookPath);
    await closed.stop();
    provider = new SlackWebhookProvider({ allowedWebhookPrefixes: [closed.url('/')] });
    const result = await provider.send(message, { subscriberId: 's', slackWebhookUrl: deadUrl });
    expect(result).toMatchObject({ status: 'retry', code: DeliveryCode.Network });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('should read at most a few KB when the error body is huge', async () => {
    slack.routes.set(hookPath, reply(500, 'x'.repeat(5_000_000)));
    const result = await send(hookPath);
    expect(result).toMatchObject({ status: 'retry', code: DeliveryCode.SlackServerError });
    expect(JSON.stringify(result).length).toBeLessThan(300);
  });

  it('should never include the token in any result when Slack fails in every way', async () => {
    const results = [];
    for (const [status, body] of [[200, 'ok'], [403, TOKEN], [404, 'no_service'], [429, 'rate_limited'], [500, `oops ${TOKEN}`]] as const) {
      slack.routes.set(hookPath, reply(status, body));
      results.push(await send(hookPath));
    }
    expect(JSON.stringify(results)).not.toContain(TOKEN);
  });

  it('should reject before connecting when the recipient has no webhook URL', async () => {
    expect(await provider.send(message, { subscriberId: 's' })).toMatchObject({ status: 'rejected', code: DeliveryCode.RecipientMissing });
  });

  describe('URL policy (refused before connecting)', () => {
    const hostile = (port: number) => [
      `https://hooks.slack.com.evil.example/services/T1/B1/${TOKEN}`,
      `https://evil.example/hooks.slack.com/services/T1/B1/${TOKEN}`,
      `https://hooks.slack.com:8443/services/T1/B1/${TOKEN}`,
      `https://user:pass@hooks.slack.com/services/T1/B1/${TOKEN}`,
      `http://evil.example@127.0.0.1:${port}/x`,
      `http://127.0.0.1:${port}@evil.example/x`,
      `http://127.0.0.1:${port}#@evil.example/`,
      `http://127.0.0.1:${port}\\@evil.example/`,
      `http://evil.example%2f@127.0.0.1:${port}/`,
      `http://127.1:${port}/x`,
      `http://localhost:${port}/x`,
      `http://[::1]:${port}/x`,
      'http://169.254.169.254/latest/meta-data/',
      'http://redis:6379/',
      'gopher://127.0.0.1:6379/_FLUSHALL',
      'file:///etc/passwd',
    ];

    it('should refuse every hostile URL and send nothing when given parser-confusion spellings', async () => {
      for (const url of hostile(slack.port)) {
        const result = await provider.send(message, { subscriberId: 's', slackWebhookUrl: url });
        expect(result).toMatchObject({ status: 'rejected', code: DeliveryCode.WebhookUrlRefused });
        expect(JSON.stringify(result)).not.toContain(TOKEN);
      }
      expect(slack.seen).toHaveLength(0);
    });

    it('should refuse a local URL when no prefix is configured, as in production', async () => {
      const prod = new SlackWebhookProvider();
      expect(await prod.send(message, { subscriberId: 's', slackWebhookUrl: slack.url(hookPath) })).toMatchObject({ status: 'rejected', code: DeliveryCode.WebhookUrlRefused });
      expect(slack.seen).toHaveLength(0);
    });
  });
});

describe('SlackWebhookProvider against the real Slack host (fetch injected, nothing leaves the machine)', () => {
  const url = `https://hooks.slack.com/services/T0123/B0456/${TOKEN}`;

  it('should post to exactly the webhook URL without following redirects when the URL is a real Slack one', async () => {
    const calls: Array<[string, RequestInit]> = [];
    const fakeFetch = (async (input: string, init: RequestInit) => {
      calls.push([input, init]);
      return new Response('ok', { status: 200 });
    }) as unknown as typeof fetch;
    const provider = new SlackWebhookProvider({ fetch: fakeFetch });
    expect(await provider.send(message, { subscriberId: 's', slackWebhookUrl: url })).toEqual({ status: 'sent' });
    expect(calls).toHaveLength(1);
    expect(calls[0][0]).toBe(url);
    expect(calls[0][1]).toMatchObject({ method: 'POST', redirect: 'manual' });
  });

  it.each([
    ['DNS failure', 'ENOTFOUND', `getaddrinfo ENOTFOUND hooks.slack.com`],
    ['TLS error', 'CERT_HAS_EXPIRED', `certificate has expired for ${url}`],
  ])('should ask to retry without echoing the token when %s', async (_label, code, causeMessage) => {
    const fakeFetch = (async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error(causeMessage), { code }) });
    }) as unknown as typeof fetch;
    const provider = new SlackWebhookProvider({ fetch: fakeFetch });
    const result = await provider.send(message, { subscriberId: 's', slackWebhookUrl: url });
    expect(result).toEqual({ status: 'retry', code: DeliveryCode.Network, message: expect.stringContaining(code) });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['3', 3_000],
    [' 120 ', 120_000],
    ['99999999', 3_600_000],
    ['-1', undefined],
    ['soon', undefined],
  ])('should read %j as %j', (header, ms) => {
    expect(retryAfterMs(header)).toBe(ms);
  });

  it('should read an HTTP date relative to now when given one', () => {
    expect(retryAfterMs('Tue, 04 Mar 2025 09:00:30 GMT', Date.parse('2025-03-04T09:00:00Z'))).toBe(30_000);
  });

  it('should return undefined when the header is absent', () => {
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

import { alertModel, type AlertMessage } from '@pharma-radar/notifier-subscriptions';
import { aFlag, answerInTurn, startHttpServer, startSmtpServer, type ScriptedAnswer, type TestHttpServer, type TestSmtpServer } from '@pharma-radar/testing';
import { SmtpProvider } from './email/smtp/smtp.provider';
import { SlackWebhookProvider } from './chat/slack/slack.provider';
import { WebhookProvider } from './webhook/webhook.provider';
import { verifyWebhook, WEBHOOK_HEADERS } from './webhook/webhook-signature';
import { verifyFeedbackToken, verifyUnsubscribeToken } from './links/signed-link';
import { DeliveryCode } from './provider';

// Each provider against a real server on 127.0.0.1 answering each code the delivery queue must tell
// apart: the DeliveryResult is asserted, and so are the bytes that arrived.

const NOW = Date.parse('2026-12-07T10:00:00Z');
const LINK_SECRET = 'link-secret-0123456789abcdef0123456789';
const links = { baseUrl: 'https://radar.example.com/api', secret: LINK_SECRET };
const HOSTILE = '<script>alert(1)</script> <!channel> *bold* & co\r\nBcc: attacker@evil.example';
const message = (): AlertMessage => {
  const flag = aFlag().withParties({ name: HOSTILE, type: 'biotech', role: 'licensor' }, { name: 'AstraZeneca', type: 'pharma', role: 'licensee' }).build();
  const alert = alertModel({ ...flag, title: HOSTILE });
  // Pre-rendered parts are ignored when a model is present; they are left empty to prove it.
  return { alert, subject: '', text: '', html: '', slack: { text: '', blocks: [] } };
};
const KEY = 'delivery:v1:sub-1:x:collab-test-1';

describe('SmtpProvider against a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let provider: SmtpProvider;
  const timeouts = { connectionMs: 2_000, greetingMs: 2_000, socketMs: 2_000, totalMs: 5_000 };
  const send = () => provider.send(message(), { subscriberId: 'sub-1', email: 'analyst@bd-team.example' }, { idempotencyKey: KEY });

  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.close());
  beforeEach(() => {
    smtp.messages.length = 0;
    provider = new SmtpProvider({ smtpUrl: smtp.url, from: 'alerts@pharma-radar.example', links, unsubscribeMailto: 'unsubscribe@pharma-radar.example', now: () => NOW, timeouts });
  });
  afterEach(() => provider.close());

  it.each([
    ['connect', 421, 'retry', DeliveryCode.SmtpTransient],
    ['mail', 450, 'retry', DeliveryCode.SmtpTransient],
    ['rcpt', 451, 'retry', DeliveryCode.SmtpTransient],
    ['data', 451, 'retry', DeliveryCode.SmtpTransient],
    ['rcpt', 550, 'rejected', DeliveryCode.SmtpRejected],
    ['data', 554, 'rejected', DeliveryCode.SmtpRejected],
  ] as const)('should classify a %s-stage %d as %s', async (stage, code, status, deliveryCode) => {
    smtp.failNext(code, undefined, stage);
    expect(await send()).toEqual({ status, code: deliveryCode, message: expect.stringContaining(String(code)) });
    expect(smtp.messages).toHaveLength(0);
  });

  it('should deliver after a 451 when retried, with text, escaped HTML and RFC 8058 headers whose tokens verify', async () => {
    smtp.failNext(451, 'greylisted', 'rcpt');
    expect(await send()).toMatchObject({ status: 'retry' });
    expect(await send()).toMatchObject({ status: 'sent' });
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail.to).toEqual(['analyst@bd-team.example']);
    expect(mail.headers['bcc']).toBeUndefined();
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toContain('Bcc: attacker@evil.example');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.text).toContain('- AstraZeneca (pharma, licensee)');

    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const uris = [...mail.headers['list-unsubscribe'].matchAll(/<([^>]+)>/g)].map((m) => m[1]);
    expect(uris).toHaveLength(2);
    expect(uris[0]).toMatch(/^mailto:unsubscribe@pharma-radar\.example\?subject=unsubscribe%20/);
    const https = new URL(uris[1]);
    expect(`${https.origin}${https.pathname}`).toBe('https://radar.example.com/api/unsubscribe');
    expect(verifyUnsubscribeToken(https.searchParams.get('token')!, LINK_SECRET, NOW)).toMatchObject({ ok: true, claims: { subscriberId: 'sub-1', channel: 'email' } });
    expect(mail.html).toContain(`href="${uris[1]}"`);
    const feedback = /Not relevant: (\S+)/.exec(mail.text)![1];
    expect(verifyFeedbackToken(new URL(feedback).searchParams.get('token')!, LINK_SECRET, NOW)).toMatchObject({ ok: true, claims: { verdict: 'not_relevant', collaborationId: 'collab-test-1' } });
  });

  it('should ask to retry when the server is gone', async () => {
    const gone = await startSmtpServer();
    await gone.close();
    const p = new SmtpProvider({ smtpUrl: gone.url, from: 'alerts@pharma-radar.example', timeouts });
    expect(await p.send(message(), { subscriberId: 's', email: 'analyst@bd-team.example' })).toMatchObject({ status: 'retry', code: DeliveryCode.Network });
  });
});

describe('SmtpProvider with pooled connections, against a real SMTP server', () => {
  const timeouts = { connectionMs: 2_000, greetingMs: 2_000, socketMs: 2_000, totalMs: 5_000 };
  const recipient = (i: number) => ({ subscriberId: `sub-${i}`, email: `analyst-${i}@bd-team.example` });
  let smtp: TestSmtpServer | undefined;
  const providers: SmtpProvider[] = [];
  const providerFor = (server: TestSmtpServer, pool?: { maxConnections: number; maxMessages?: number }) => {
    const p = new SmtpProvider({ smtpUrl: server.url, from: 'alerts@pharma-radar.example', now: () => NOW, timeouts, ...(pool ? { pool } : {}) });
    providers.push(p);
    return p;
  };
  afterEach(async () => {
    for (const p of providers.splice(0)) p.close();
    await smtp?.close();
  });

  it('should send every message over at most maxConnections connections, where one per send opens one each', async () => {
    smtp = await startSmtpServer();
    const pooled = providerFor(smtp, { maxConnections: 2 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => pooled.send(message(), recipient(i), { idempotencyKey: `${KEY}-${i}` })));
    expect(results.every((r) => r.status === 'sent')).toBe(true);
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `analyst-${i}@bd-team.example`).sort());
    expect(smtp.connections).toBeLessThanOrEqual(2);

    const before = smtp.connections;
    const single = providerFor(smtp);
    for (let i = 0; i < 3; i++) expect(await single.send(message(), recipient(i))).toMatchObject({ status: 'sent' });
    expect(smtp.connections - before).toBe(3);
  });

  it('should replace a connection after maxMessages', async () => {
    smtp = await startSmtpServer();
    const pooled = providerFor(smtp, { maxConnections: 1, maxMessages: 2 });
    for (let i = 0; i < 5; i++) expect(await pooled.send(message(), recipient(i))).toMatchObject({ status: 'sent' });
    expect(smtp.connections).toBe(3);
  });

  it('should answer a 4xx as retry and a 5xx as rejected on a shared connection, and keep sending on it', async () => {
    smtp = await startSmtpServer();
    const pooled = providerFor(smtp, { maxConnections: 1 });
    smtp.failNext(451, 'greylisted', 'rcpt');
    expect(await pooled.send(message(), recipient(1))).toMatchObject({ status: 'retry', code: DeliveryCode.SmtpTransient });
    smtp.failNext(550, 'no such user', 'rcpt');
    expect(await pooled.send(message(), recipient(2))).toMatchObject({ status: 'rejected', code: DeliveryCode.SmtpRejected });
    expect(await pooled.send(message(), recipient(3))).toMatchObject({ status: 'sent' });
    expect(smtp.messages.map((m) => m.to)).toEqual([['analyst-3@bd-team.example']]);
  });

  it('should reconnect after the server went away and came back on the same port', async () => {
    smtp = await startSmtpServer();
    const port = smtp.port;
    const pooled = providerFor(smtp, { maxConnections: 1 });
    expect(await pooled.send(message(), recipient(1))).toMatchObject({ status: 'sent' });
    await smtp.close();
    smtp = await startSmtpServer({ port });
    // The dropped connection costs at most one retryable failure; the pool then opens a new one.
    const first = await pooled.send(message(), recipient(2));
    if (first.status !== 'sent') expect(first).toMatchObject({ status: 'retry' });
    expect(await pooled.send(message(), recipient(3))).toMatchObject({ status: 'sent' });
    // Arrived at the restarted server, over a connection it accepted: not lost in a socket the old one closed.
    expect(smtp.messages.map((m) => m.to[0])).toContain('analyst-3@bd-team.example');
    expect(smtp.connections).toBe(1);
  });

  it('should not pay a slow greeting per message when pooled', async () => {
    smtp = await startSmtpServer({ greetingDelayMs: 300 });
    const pooled = providerFor(smtp, { maxConnections: 1 });
    for (let i = 0; i < 4; i++) expect(await pooled.send(message(), recipient(i))).toMatchObject({ status: 'sent' });
    // One greeting for four messages: the delay is a property of the connection, counted by the server.
    expect(smtp.connections).toBe(1);
  });
});

describe('SlackWebhookProvider against a Slack-like receiver', () => {
  let receiver: TestHttpServer;
  let provider: SlackWebhookProvider;
  const send = () => provider.send(message(), { subscriberId: 'sub-1', slackWebhookUrl: `${receiver.url}/services/T1/B1/abc` }, { idempotencyKey: KEY });

  beforeAll(async () => {
    receiver = await startHttpServer();
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.requests.length = 0;
    provider = new SlackWebhookProvider({ allowedWebhookPrefixes: [`${receiver.url}/`], links, now: () => NOW, timeoutMs: 2_000 });
  });

  it.each([
    [{ status: 429, headers: { 'retry-after': '2' }, body: 'rate_limited' }, { status: 'retry', code: DeliveryCode.SlackRateLimited, retryAfterMs: 2_000 }],
    [{ status: 429, headers: { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() }, body: 'rate_limited' }, { status: 'retry', code: DeliveryCode.SlackRateLimited, retryAfterMs: expect.any(Number) }],
    [{ status: 500, body: 'internal_error' }, { status: 'retry', code: DeliveryCode.SlackServerError }],
    [{ status: 503, headers: { 'retry-after': '7' }, body: '' }, { status: 'retry', code: DeliveryCode.SlackServerError, retryAfterMs: 7_000 }],
    [{ status: 404, body: 'no_service' }, { status: 'rejected', code: DeliveryCode.SlackNoService }],
    [{ status: 410, body: 'channel_is_archived' }, { status: 'rejected', code: DeliveryCode.SlackChannelArchived }],
    [{ status: 200, body: 'ok' }, { status: 'sent' }],
  ] as Array<[ScriptedAnswer, object]>)('should classify %j', async (answer, expected) => {
    receiver.setHandler(answerInTurn(answer));
    const result = await send();
    expect(result).toMatchObject(expected);
    if (String(answer.headers?.['retry-after']).includes('GMT')) {
      // An HTTP date an hour ahead: capped, and well above zero.
      expect((result as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(3_000_000);
    }
    expect(receiver.requests).toHaveLength(1);
  });

  it('should post a Block Kit card with escaped feed text and signed feedback buttons', async () => {
    receiver.setHandler(answerInTurn({ status: 200, body: 'ok' }));
    await send();
    const [req] = receiver.requests;
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req.body).not.toContain('<!channel>');
    expect(req.body).not.toContain('<script>');
    const card = JSON.parse(req.body) as { blocks: Array<{ type: string; elements?: Array<{ url?: string; action_id?: string }> }> };
    const actions = card.blocks.find((b) => b.type === 'actions')!;
    const verdicts = actions.elements!.map((e) => verifyFeedbackToken(new URL(e.url!).searchParams.get('token')!, LINK_SECRET, NOW));
    expect(verdicts).toEqual([
      { ok: true, claims: expect.objectContaining({ verdict: 'relevant', subscriberId: 'sub-1' }) },
      { ok: true, claims: expect.objectContaining({ verdict: 'not_relevant', subscriberId: 'sub-1' }) },
    ]);
  });
});

describe('WebhookProvider against a receiver', () => {
  const SECRET = 'whsec_subscriber_0123456789';
  let receiver: TestHttpServer;
  let provider: WebhookProvider;
  const recipient = () => ({ subscriberId: 'sub-1', webhookUrl: `${receiver.url}/in/pharma-radar`, webhookSecret: 'env:ACME' });
  const send = () => provider.send(message(), recipient(), { idempotencyKey: KEY });

  beforeAll(async () => {
    receiver = await startHttpServer();
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.requests.length = 0;
    provider = new WebhookProvider({
      resolveSecret: (ref) => (ref === 'env:ACME' ? SECRET : undefined),
      allowedWebhookPrefixes: [`${receiver.url}/`], links, now: () => NOW, timeoutMs: 1_000,
    });
  });

  it.each([
    [{ status: 429, headers: { 'retry-after': '2' } }, { status: 'retry', code: DeliveryCode.WebhookRateLimited, retryAfterMs: 2_000 }],
    [{ status: 429, headers: { 'retry-after': new Date(NOW + 90_000).toUTCString() } }, { status: 'retry', code: DeliveryCode.WebhookRateLimited, retryAfterMs: 90_000 }],
    [{ status: 429 }, { status: 'retry', code: DeliveryCode.WebhookRateLimited, retryAfterMs: 30_000 }],
    [{ status: 500 }, { status: 'retry', code: DeliveryCode.WebhookServerError }],
    [{ status: 502 }, { status: 'retry', code: DeliveryCode.WebhookServerError }],
    [{ status: 404 }, { status: 'rejected', code: DeliveryCode.WebhookGone }],
    [{ status: 410 }, { status: 'rejected', code: DeliveryCode.WebhookGone }],
    [{ status: 401 }, { status: 'rejected', code: DeliveryCode.WebhookUnauthorized }],
    [{ status: 400 }, { status: 'rejected', code: DeliveryCode.WebhookRejected }],
    [{ status: 302, headers: { location: 'http://169.254.169.254/' } }, { status: 'rejected', code: DeliveryCode.WebhookRedirect }],
    [{ status: 204 }, { status: 'sent', providerMessageId: KEY }],
  ])('should classify %j', async (answer, expected) => {
    receiver.setHandler(answerInTurn(answer));
    expect(await send()).toEqual(expected.status === 'sent' ? expected : { ...expected, message: expect.any(String) });
    expect(receiver.requests).toHaveLength(1);
  });

  it('should retry through 500, then 429 with Retry-After, and succeed on 200', async () => {
    receiver.setHandler(answerInTurn({ status: 500 }, { status: 429, headers: { 'retry-after': '2' } }, { status: 200 }));
    expect(await send()).toMatchObject({ status: 'retry', code: DeliveryCode.WebhookServerError });
    expect(await send()).toMatchObject({ status: 'retry', code: DeliveryCode.WebhookRateLimited, retryAfterMs: 2_000 });
    expect(await send()).toEqual({ status: 'sent', providerMessageId: KEY });
    // The same idempotency id each time, so the receiver can drop a copy.
    expect(receiver.requests.map((r) => r.headers['idempotency-key'])).toEqual([KEY, KEY, KEY]);
  });

  it('should send a versioned JSON body whose signature the receiver verifies, and that fails with a wrong secret or later', async () => {
    receiver.setHandler(answerInTurn({ status: 200 }));
    await send();
    const [req] = receiver.requests;
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    const timestamp = req.headers[WEBHOOK_HEADERS.timestamp.toLowerCase()] as string;
    const signature = req.headers[WEBHOOK_HEADERS.signature.toLowerCase()] as string;
    expect(timestamp).toBe(String(NOW / 1000));
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyWebhook({ body: req.body, timestamp, signature, secret: SECRET, now: NOW + 10_000 })).toEqual({ ok: true });
    expect(verifyWebhook({ body: req.body, timestamp, signature, secret: 'wrong', now: NOW })).toEqual({ ok: false, problem: 'mismatch' });
    expect(verifyWebhook({ body: req.body, timestamp, signature, secret: SECRET, now: NOW + 301_000 })).toEqual({ ok: false, problem: 'stale' });

    expect(req.body).not.toMatch(/[<>]/);
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({ type: 'pharma-radar.collaboration.alert', version: 1, id: KEY, subscriberId: 'sub-1' });
    expect(body.alert.parties[0]).toEqual({ name: '<script>alert(1)</script> <!channel> *bold* & co Bcc: attacker@evil.example', type: 'biotech', role: 'licensor' });
    expect(verifyFeedbackToken(new URL(body.feedback.relevant).searchParams.get('token')!, LINK_SECRET, NOW)).toMatchObject({ ok: true });
  });

  it('should ask to retry when the receiver does not answer in time', async () => {
    receiver.setHandler(() => new Promise(() => undefined));
    expect(await send()).toMatchObject({ status: 'retry', code: DeliveryCode.Timeout });
  });

  it('should ask to retry when nothing listens', async () => {
    const gone = await startHttpServer();
    await gone.close();
    const p = new WebhookProvider({ resolveSecret: () => SECRET, allowedWebhookPrefixes: [`${gone.url}/`] });
    expect(await p.send(message(), { ...recipient(), webhookUrl: `${gone.url}/in` })).toMatchObject({ status: 'retry', code: DeliveryCode.Network });
  });
});

import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { signBody } from '@pharma-radar/ingest-websub';
import { RedisStore, StoreModule } from '@pharma-radar/platform-cache';
import { expectEventually, infraFromEnv, startHttpServer, uniquePrefix, type TestHttpServer } from '@pharma-radar/testing';
import { PUSH_SINK, WebSubController, WebSubSubscriber, webSubProviders, type PushSink, type WebSubConfig } from './index';

// Real Redis, a real hub on 127.0.0.1 (subscription requests, verification of intent, signed deliveries) and the
// callback served by Nest as the ingest app mounts it.
const TOPIC = 'https://wire.example/rss';

interface Hub {
  server: TestHttpServer;
  forms: URLSearchParams[];
  verifications: { status: number; body: string }[];
}

async function startHub(opts: { lease?: number; refuse?: boolean } = {}): Promise<Hub> {
  const forms: URLSearchParams[] = [];
  const verifications: { status: number; body: string }[] = [];
  const server = await startHttpServer(async (req, res) => {
    if (opts.refuse) return void res.writeHead(500).end('hub down');
    const form = new URLSearchParams(req.body);
    forms.push(form);
    res.writeHead(202).end();
    // Verification of intent comes after the 202, from the hub to the callback, as WebSub §5.3 describes.
    const challenge = `challenge-${forms.length}`;
    const q = new URLSearchParams({ 'hub.mode': form.get('hub.mode') ?? '', 'hub.topic': form.get('hub.topic') ?? '', 'hub.challenge': challenge, 'hub.lease_seconds': String(opts.lease ?? 3600) });
    const answer = await fetch(`${form.get('hub.callback')}?${q}`);
    verifications.push({ status: answer.status, body: await answer.text() });
  });
  return { server, forms, verifications };
}

describe('WebSub callback and subscriptions (real Redis, real hub over HTTP)', () => {
  let app: INestApplication;
  let url: string;
  let subscriber: WebSubSubscriber;
  const pushed: { feedId: string; body: string; type?: string }[] = [];
  const hubs: Hub[] = [];
  const config: WebSubConfig = { callbackBase: 'http://placeholder.invalid', leaseSeconds: 3600, renewCheckMs: 2_000, maxBytes: 10_000, timeoutMs: 3_000, allowPrivateHosts: [] };

  beforeAll(async () => {
    const sink: PushSink = {
      acceptPush: (feedId, body, type) => {
        if (feedId === 'removed') return 'unknown_feed';
        pushed.push({ feedId, body: body.toString('utf8'), type });
        return 'accepted';
      },
    };
    @Module({
      imports: [StoreModule.forRoot(new RedisStore(infraFromEnv().redisUrl, `${uniquePrefix('websub')}:`))],
      controllers: [WebSubController],
      providers: [...webSubProviders(config), { provide: PUSH_SINK, useValue: sink }],
    })
    class Root {}
    app = await NestFactory.create(Root, { logger: false, abortOnError: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    config.callbackBase = url;
    subscriber = app.get(WebSubSubscriber);
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all(hubs.map((h) => h.server.close()));
  });

  async function hubFor(feed: string, opts: { lease?: number; refuse?: boolean } = {}): Promise<Hub> {
    const hub = await startHub(opts);
    hubs.push(hub);
    // The hub client reads the exemptions of the config it was built with: this hub's port only, as an operator lists it.
    config.allowPrivateHosts.push(`127.0.0.1:${hub.server.port}`);
    expect(await subscriber.discovered(feed, TOPIC, undefined, { hubs: [`${hub.server.url}/hub`], self: TOPIC })).toBe(opts.refuse ? 'failed' : 'requested');
    return hub;
  }

  const codeOf = async (r: Response) => ((await r.json()) as { error: { code: string } }).error.code;
  const push = (feed: string, body: string, headers: Record<string, string>) =>
    fetch(`${url}/websub/${feed}`, { method: 'POST', headers: { 'content-type': 'application/rss+xml', ...headers }, body });

  it('subscribes to an advertised hub, answers its verification with the challenge and keeps the subscription', async () => {
    const hub = await hubFor('wire');
    await expectEventually(() => expect(hub.verifications).toEqual([{ status: 200, body: 'challenge-1' }]));
    const form = hub.forms[0];
    expect(form.get('hub.mode')).toBe('subscribe');
    expect(form.get('hub.topic')).toBe(TOPIC);
    expect(form.get('hub.callback')).toBe(`${url}/websub/wire`);
    expect(form.get('hub.secret')).toMatch(/^[0-9a-f]{64}$/);
    expect(form.get('hub.lease_seconds')).toBe('3600');
    // Discovered again on the next poll: nothing new is asked.
    expect(await subscriber.discovered('wire', TOPIC, undefined, { hubs: [`${hub.server.url}/hub`], self: TOPIC })).toBe('kept');
    expect(hub.forms).toHaveLength(1);
  });

  it('accepts pushed content only with a valid signature over the exact bytes', async () => {
    const hub = hubs[0];
    const secret = hub.forms[0].get('hub.secret')!;
    const body = '<rss version="2.0"><channel><title>Wire</title><item><title>Pushed</title><link>https://wire.example/p</link></item></channel></rss>';
    const ok = await push('wire', body, { 'x-hub-signature': signBody(Buffer.from(body), secret, 'sha1') });
    expect(ok.status).toBe(202);
    expect(pushed).toEqual([{ feedId: 'wire', body, type: 'application/rss+xml' }]);

    const refused = await Promise.all([
      push('wire', body.replace('Pushed', 'Forged'), { 'x-hub-signature': signBody(Buffer.from(body), secret) }),
      push('wire', body, { 'x-hub-signature': signBody(Buffer.from(body), 'guessed') }),
      push('wire', body, {}),
      push('wire', body, { 'x-hub-signature': 'sha256=zz' }),
    ]);
    expect(await Promise.all(refused.map(async (r) => [r.status, await codeOf(r)]))).toEqual([
      [403, 'SIGNATURE_MISMATCH'], [403, 'SIGNATURE_MISMATCH'], [403, 'SIGNATURE_MISSING'], [403, 'SIGNATURE_MALFORMED'],
    ]);
    // The sha256 header of newer hubs is accepted too.
    const modern = await push('wire', body, { 'x-hub-signature-256': signBody(Buffer.from(body), secret).slice('sha256='.length) });
    expect(modern.status).toBe(202);
    expect(pushed).toHaveLength(2);
  });

  it('refuses oversized content, unknown feeds and forged verification requests, changing nothing', async () => {
    const secret = hubs[0].forms[0].get('hub.secret')!;
    const big = 'x'.repeat(20_000);
    const tooLarge = await push('wire', big, { 'x-hub-signature': signBody(Buffer.from(big), secret) });
    expect([tooLarge.status, await codeOf(tooLarge)]).toEqual([413, 'WEBSUB_TOO_LARGE']);
    const unknown = await push('nobody', 'x', { 'x-hub-signature': signBody(Buffer.from('x'), secret) });
    expect([unknown.status, await codeOf(unknown)]).toEqual([410, 'WEBSUB_NO_SUBSCRIPTION']);

    const forged = await Promise.all([
      fetch(`${url}/websub/wire?hub.mode=subscribe&hub.topic=https://evil.example/&hub.challenge=c&hub.lease_seconds=60`),
      fetch(`${url}/websub/wire?hub.mode=unsubscribe&hub.topic=${encodeURIComponent(TOPIC)}&hub.challenge=c`),
      fetch(`${url}/websub/wire?hub.topic=${encodeURIComponent(TOPIC)}`),
      fetch(`${url}/websub/..%2Fadmin?hub.mode=subscribe`),
    ]);
    expect(forged.map((r) => r.status)).toEqual([404, 404, 400, 404]);
    expect(pushed).toHaveLength(2);
    // Still subscribed after the forgeries: signed content still goes through.
    expect((await push('wire', 'y', { 'x-hub-signature': signBody(Buffer.from('y'), secret) })).status).toBe(202);
  });

  it('renews a lease when a tenth is left, with the same secret and topic', async () => {
    const hub = await hubFor('short', { lease: 60 });
    await expectEventually(() => expect(hub.verifications).toEqual([{ status: 200, body: 'challenge-1' }]));
    // A 60 s lease is due for renewal at once (at least a minute before it ends): the next sweep (every 2 s, one
    // replica per period) asks again.
    await expectEventually(() => expect(hub.verifications).toHaveLength(2), { timeoutMs: 8_000 });
    expect(hub.verifications[1]).toEqual({ status: 200, body: 'challenge-2' });
    expect(hub.forms[1].get('hub.secret')).toBe(hub.forms[0].get('hub.secret'));
    expect(hub.forms[1].get('hub.topic')).toBe(TOPIC);
  });

  it('records a hub that refuses or denies, and takes no content for it', async () => {
    await hubFor('refused', { refuse: true });
    const denied = await hubFor('denied');
    await expectEventually(() => expect(denied.verifications).toHaveLength(1));
    const d = await fetch(`${url}/websub/denied?hub.mode=denied&hub.topic=${encodeURIComponent(TOPIC)}&hub.reason=quota`);
    expect(d.status).toBe(200);
    const secret = denied.forms[0].get('hub.secret')!;
    const after = await push('denied', 'z', { 'x-hub-signature': signBody(Buffer.from('z'), secret) });
    expect(after.status).toBe(410);
    // Subscribed, then taken out of the feed list: the hub is told to stop.
    const removed = await hubFor('removed');
    await expectEventually(() => expect(removed.verifications).toHaveLength(1));
    const gone = await push('removed', 'z', { 'x-hub-signature': signBody(Buffer.from('z'), removed.forms[0].get('hub.secret')!) });
    expect([gone.status, await codeOf(gone)]).toEqual([410, 'WEBSUB_NO_SUBSCRIPTION']);
  });

  it('never asks a hub at a private address the feeds may not reach', async () => {
    const hub = await startHub();
    hubs.push(hub);
    expect(await subscriber.discovered('private', TOPIC, undefined, { hubs: [`${hub.server.url}/hub`], self: TOPIC })).toBe('failed');
    expect(hub.server.requests).toHaveLength(0);
  });
});

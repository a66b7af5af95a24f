import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RunningService, startService } from '@pharma-radar/platform-bootstrap';
import { configureLogging } from '@pharma-radar/platform-logging';
import { expectEventually } from '@pharma-radar/testing';
import { allInOne } from './start';

configureLogging({ service: 'all-in-one-e2e', level: 'silent' });

// `npm start` as composed by the CLI, on its embedded bus and store, polling the bundled sample feeds only (the real
// feeds of config/feeds.json need the internet): the pipeline flags, and the notifier's API is mounted beside it.
describe('all-in-one (npm start) on the embedded bus', () => {
  let svc: RunningService | undefined;
  const printed: string[] = [];
  let write: jest.SpyInstance;

  beforeAll(async () => {
    const root = resolve(__dirname, '../../../..');
    const dir = mkdtempSync(join(tmpdir(), 'all-in-one-'));
    const feeds = join(dir, 'feeds.json');
    writeFileSync(feeds, JSON.stringify({ feeds: [{ id: 'sample.pharma-wire', title: 'Pharma Wire (sample)', file: join(root, 'config/sample-feeds/pharma-wire.xml') }] }));
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk)), true));
    const options = await allInOne({ FEEDS_FILE: feeds, DASHBOARD_HTTP_PORT: '0', HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'silent', INGEST_FETCH_ARTICLES: 'false' });
    svc = await startService({ name: 'all-in-one', ...options });
  }, 60_000);

  afterAll(async () => {
    await svc?.close();
    write?.mockRestore();
  });

  it('should print a sign-in link with a demo API key, and refuse the dashboard API without a key', async () => {
    await expectEventually(() => expect(printed.join('')).toMatch(/Dashboard: http:\/\/127\.0\.0\.1:\d+\/login#key=prk_/), { timeoutMs: 10_000, intervalMs: 100 });
    expect((await fetch(`${svc!.url}/api/collaborations`)).status).toBe(401);
  });

  it('should flag the sample collaborations, print their alerts and list them on the dashboard API', async () => {
    const key = /login#key=(prk_[A-Za-z0-9_-]+)/.exec(printed.join(''))?.[1];
    await expectEventually(async () => {
      const res = await fetch(`${svc!.url}/api/collaborations`, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as unknown[]).length).toBeGreaterThan(0);
    }, { timeoutMs: 60_000, intervalMs: 500 });
    await expectEventually(() => expect(printed.join('')).toMatch(/collaboration/i), { timeoutMs: 30_000, intervalMs: 500 });
  });

  it('should be ready only with its feeds read, as the standalone ingest service is', async () => {
    await expectEventually(async () => {
      const res = await fetch(`${svc!.url}/health/ready`);
      expect(res.status).toBe(200);
      // The quorum check of the feeds' last polls, beside the bus, the store and the modules' own checks.
      expect(((await res.json()) as { checks: Record<string, { ok: boolean }> }).checks.feeds).toMatchObject({ ok: true });
    }, { timeoutMs: 30_000, intervalMs: 500 });
  });

  it('should serve the subscriptions API beside the dashboard: its OpenAPI document, and 401 without a key', async () => {
    const openapi = await fetch(`${svc!.url}/openapi.json`);
    expect(openapi.status).toBe(200);
    expect(((await openapi.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty('/v1/subscribers');
    const subscribers = await fetch(`${svc!.url}/v1/subscribers`);
    expect(subscribers.status).toBe(401);
  });

  it('should bind to 127.0.0.1 by default and take HTTP_HOST when the operator sets it', async () => {
    expect((await allInOne({})).http.host).toBe('127.0.0.1');
    expect((await allInOne({ HTTP_HOST: '0.0.0.0' })).http.host).toBe('0.0.0.0');
    expect(new URL(svc!.url).hostname).toBe('127.0.0.1');
  });
});

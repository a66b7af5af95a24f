import { dashboardConfig, DashboardModule } from '@pharma-radar/dashboard-service';
import { RunningService, startService } from '@pharma-radar/platform-bootstrap';
import { MemoryStore } from '@pharma-radar/platform-cache';
import { configureLogging } from '@pharma-radar/platform-logging';
import { InMemoryBus } from '@pharma-radar/platform-messaging';
import { startHttpServer, type TestHttpServer } from '@pharma-radar/testing';

// A standalone dashboard checks API keys with the subscriptions API over HTTP (DASHBOARD_AUTH_API_URL): here a local
// server answering GET /v1/tenant as the notifier does (200 with the tenant, 401 for an unknown key, or 500).
const GOOD = 'prk_good-key-of-tenant-one';

describe('dashboard sign-in through the subscriptions API over HTTP', () => {
  let api: TestHttpServer;
  let svc: RunningService;
  let down = false;

  beforeAll(async () => {
    configureLogging({ service: 'dashboard-auth-test', level: 'silent' });
    api = await startHttpServer((req, res) => {
      if (down) return void res.writeHead(500).end();
      const ok = req.path === '/v1/tenant' && req.headers.authorization === `Bearer ${GOOD}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { id: 'tn_1', name: 'Tenant one', apiKeys: [] } : { error: { code: 'UNAUTHORIZED' } }));
    });
    svc = await startService({
      name: 'dashboard',
      modules: [DashboardModule.forRoot(dashboardConfig({ DASHBOARD_AUTH_API_URL: `${api.url}/v1/` }), { kafka: null })],
      bus: new InMemoryBus(), store: new MemoryStore(),
      infra: { kafka: null, redis: null, logLevel: 'silent', httpHost: '127.0.0.1' },
      http: { port: 0, host: '127.0.0.1' },
    });
  });
  afterAll(async () => {
    await svc.close();
    await api.close();
  });

  const facets = (key: string) => fetch(`${svc.url}/api/facets`, { headers: { authorization: `Bearer ${key}` } });

  it('should let a key the API knows in, keep others out, and ask the API once per key while its answer is fresh', async () => {
    expect((await facets(GOOD)).status).toBe(200);
    expect((await facets(GOOD)).status).toBe(200);
    expect((await facets('prk_unknown')).status).toBe(401);
    const asked = api.requests.filter((r) => r.path === '/v1/tenant');
    expect(asked.map((r) => r.headers.authorization)).toEqual([`Bearer ${GOOD}`, 'Bearer prk_unknown']);
  });

  it('should answer 503, not 401, for a key it cannot check because the API fails', async () => {
    down = true;
    try {
      const res = await facets('prk_another-key-not-cached');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: { code: 'AUTH_UNAVAILABLE', message: expect.any(String) } });
    } finally {
      down = false;
    }
  });

  it('should not trust an identity header it was not told to trust', async () => {
    expect((await fetch(`${svc.url}/api/facets`, { headers: { 'x-forwarded-user': 'mallory' } })).status).toBe(401);
  });
});

import { anArticle, aFlag, infraFromEnv, uniquePrefix } from '@pharma-radar/testing';
import { Topics, type CollaborationFlaggedV1, type DeadLetterV1 } from '@pharma-radar/contracts';
import { CONTENT_SECURITY_POLICY, dashboardConfig, DashboardModule, KEY_COOKIE, type OperationsView } from '@pharma-radar/dashboard-service';
import { RunningService, startService } from '@pharma-radar/platform-bootstrap';
import { RedisStore } from '@pharma-radar/platform-cache';
import { configureLogging } from '@pharma-radar/platform-logging';
import { InMemoryBus } from '@pharma-radar/platform-messaging';

// The dashboard's HTTP surface on the embedded bus with real Redis: sign-in (API key, cookie, trusted header),
// security headers, the filtered list and its 400s, detail with the evidence in its lead, exports, charts, live
// updates and the operator view. Invented announcements only.
const KEY = 'prk_test-key-for-the-dashboard-api-integration-test';

describe('dashboard API', () => {
  let svc: RunningService;
  let bus: InMemoryBus;
  const authed = { authorization: `Bearer ${KEY}` };
  const get = (path: string, headers: Record<string, string> = authed) => fetch(svc.url + path, { headers, redirect: 'manual' });
  const json = async <T>(path: string): Promise<T> => {
    const res = await get(path);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  const flag = (id: string, publishedAt: string, title: string, c: Partial<CollaborationFlaggedV1['classification']> = {}, revision = 1, articleId = `${id}-a${revision}`): CollaborationFlaggedV1 => ({
    ...aFlag().id(id).revision(revision).withClassification(c).build(),
    articleId, title, publishedAt,
    sources: [{ articleId, url: `https://news.example/${articleId}`, source: revision === 1 ? 'Wire One' : 'Trade Two', publishedAt }],
  });

  beforeAll(async () => {
    configureLogging({ service: 'dashboard-api-test', level: 'error' });
    bus = new InMemoryBus();
    const store = new RedisStore(infraFromEnv().redisUrl, `${uniquePrefix('dashboard-api')}:`);
    const check = async (key: string) => (key === KEY ? { kind: 'api-key' as const, id: 'tn_test', name: 'Test tenant' } : null);
    svc = await startService({
      name: 'dashboard',
      modules: [DashboardModule.forRoot(dashboardConfig({ DASHBOARD_TRUSTED_IDENTITY_HEADER: 'X-Forwarded-User' }), { kafka: null }, { apiKeyCheck: { useFactory: () => check } })],
      bus, store,
      infra: { kafka: null, redis: null, logLevel: 'error', httpHost: '127.0.0.1' },
      http: { port: 0, host: '127.0.0.1' },
    });

    await bus.publish(Topics.articlesIngested, anArticle().with({ articleId: 'kestrel-a1', text: 'BOSTON, Dec. 1 — Kestrel Bio said on Monday it has a new partner.\n\nKestrel Bio and Ardent Labs will co-develop kinase degraders for glioma. The deal runs five years.' }).build(), { key: 'kestrel-a1' });
    const kestrel: Partial<CollaborationFlaggedV1['classification']> = {
      event_type: 'co_development', evidence: 'Kestrel Bio and Ardent Labs will co-develop kinase degraders for glioma.', therapeutic_areas: ['oncology'], geographies: ['United States'],
      parties: [{ name: 'Kestrel Bio', type: 'biotech' }, { name: 'Ardent Labs', type: 'biotech', role: 'licensee' }],
      financial_terms: { upfront: 25_000_000, milestones: 300_000_000, currency: 'USD', undisclosed: false, text: '$25 million upfront' },
      why: [{ feature: 'cue:co_develop', weight: 1.4, label: 'says "co-develop"' }],
    };
    await bus.publish(Topics.collaborationsFlagged, flag('kestrel', '2026-11-02T09:00:00Z', 'Kestrel Bio and Ardent Labs join forces on kinase degraders', kestrel), { key: 'kestrel' });
    // A syndicated copy: same announcement, another source, a new headline.
    await bus.publish(Topics.collaborationsFlagged, flag('kestrel', '2026-11-02T11:00:00Z', 'Kestrel, Ardent in degrader pact', kestrel, 2), { key: 'kestrel' });
    await bus.publish(Topics.collaborationsFlagged, flag('hostile', '2026-10-10T09:00:00Z', '<img src=x onerror=alert(1)> =cmd|"/C calc"!A0', { therapeutic_areas: ['neurology'] }), { key: 'hostile' });
    await bus.publish(Topics.collaborationsFlagged, flag('petrov', '2026-12-01T09:00:00Z', 'Vale Pharma and the Orrin Institute study sepsis markers', { event_type: 'research_collaboration', therapeutic_areas: ['infectious disease'] }), { key: 'petrov' });
    await bus.drained();
  });
  afterAll(() => svc.close());

  describe('sign-in', () => {
    it('should refuse the APIs without a key (401 JSON) and send a browser asking for a page to /login', async () => {
      const api = await get('/api/collaborations', {});
      expect(api.status).toBe(401);
      expect(await api.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/login/) } });
      expect((await get('/api/collaborations', { authorization: 'Bearer prk_wrong' })).status).toBe(401);
      const page = await get('/operations', {});
      expect(page.status).toBe(302);
      expect(page.headers.get('location')).toBe('/login?next=%2Foperations');
    });

    it('should turn a valid key into an HttpOnly, SameSite=Strict cookie that then opens pages and APIs', async () => {
      expect((await fetch(`${svc.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: 'prk_nope' }) })).status).toBe(401);
      const res = await fetch(`${svc.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: KEY }) });
      expect(res.status).toBe(204);
      const setCookie = res.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(new RegExp(`^${KEY_COOKIE}=`));
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      const cookie = setCookie.split(';')[0];
      expect((await get('/', { cookie })).status).toBe(200);
      expect((await get('/api/facets', { cookie })).status).toBe(200);
    });

    it('should take the trusted proxy header, and leave health, metrics, the login page and static files open', async () => {
      expect((await get('/api/facets', { 'x-forwarded-user': 'alice@example.com' })).status).toBe(200);
      for (const path of ['/health', '/metrics', '/login', '/assets/app.css', '/assets/analyst.js']) expect([path, (await get(path, {})).status]).toEqual([path, 200]);
    });
  });

  describe('pages and static files', () => {
    it('should send a strict CSP, nosniff and no framing, and pages that load only their own files', async () => {
      const res = await get('/');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
      expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
      expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const html = await res.text();
      expect(html).toMatch(/<script type="module" src="\/assets\/analyst.js"><\/script>/);
      // No inline script, style element or style/event attribute in any page.
      for (const page of ['/', '/operations', '/collaborations/kestrel']) {
        const body = await (await get(page)).text();
        expect(body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
        expect(body).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
      }
      expect((await get('/assets/app.css')).headers.get('content-type')).toMatch(/^text\/css/);
      expect((await get('/assets/..%2Fpackage.json')).status).toBe(404);
      expect((await get('/assets/index.html')).status).toBe(404);
    });
  });

  describe('collaborations', () => {
    type View = { collaborationId: string; title: string; revision: number; sources: unknown[] };

    it('should list one entry per announcement, newest first, with all its sources and the total in a header', async () => {
      const res = await get('/api/collaborations');
      expect(res.headers.get('x-total-count')).toBe('3');
      const list = (await res.json()) as View[];
      expect(list.map((c) => c.collaborationId)).toEqual(['petrov', 'kestrel', 'hostile']);
      expect(list[1]).toMatchObject({ revision: 2, title: 'Kestrel, Ardent in degrader pact' });
      expect(list[1].sources).toHaveLength(2);
    });

    it('should filter on the server', async () => {
      const ids = async (q: string) => ((await json<View[]>(`/api/collaborations?${q}`)).map((c) => c.collaborationId));
      expect(await ids('party=ardent')).toEqual(['kestrel']);
      expect(await ids('partyType=biotech&dealType=co_development')).toEqual(['kestrel']);
      expect(await ids('area=neurology')).toEqual(['hostile']);
      expect(await ids('money=disclosed&minAmount=300000000')).toEqual(['kestrel']);
      expect(await ids('from=2026-11-01&to=2026-11-30')).toEqual(['kestrel']);
      expect(await ids('q=sepsis')).toEqual(['petrov']);
      expect(await ids('limit=1&offset=1')).toEqual(['kestrel']);
    });

    it('should answer a bad query with 400 and every problem named', async () => {
      const res = await get('/api/collaborations?dealType=merger&from=yesterday&colour=red');
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string; details: Array<{ param: string; allowed?: string[] }> } };
      expect(body.error.code).toBe('INVALID_QUERY');
      expect(body.error.details.map((d) => d.param).sort()).toEqual(['colour', 'dealType', 'from']);
      expect(body.error.details.find((d) => d.param === 'dealType')?.allowed).toContain('co_development');
      expect((await get('/api/collaborations.csv?minConfidence=7')).status).toBe(400);
    });

    it('should show a collaboration with its evidence marked in the lead of the article it came from', async () => {
      const d = await json<{ collaboration: View & { parties: unknown[]; why: unknown[] }; lead: { articleId: string; found: boolean; segments: Array<{ text: string; evidence: boolean }> } }>('/api/collaborations/kestrel');
      expect(d.lead.articleId).toBe('kestrel-a1');
      expect(d.lead.found).toBe(true);
      expect(d.lead.segments.filter((s) => s.evidence).map((s) => s.text)).toEqual(['Kestrel Bio and Ardent Labs will co-develop kinase degraders for glioma.']);
      expect(d.lead.segments[0].text).toMatch(/^BOSTON/);
      expect((await get('/api/collaborations/nope')).status).toBe(404);
      const noLead = await json<{ lead: unknown }>('/api/collaborations/petrov');
      expect(noLead.lead).toBeNull();
    });

    it('should export the current filter as CSV that a spreadsheet cannot run, and as JSON', async () => {
      const csv = await get('/api/collaborations.csv?area=neurology');
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="collaborations-\d{4}-\d{2}-\d{2}\.csv"$/);
      const lines = (await csv.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('<img src=x onerror=alert(1)> =cmd|""/C calc""!A0');
      const all = await get('/api/collaborations.json?partyType=biotech');
      expect(all.headers.get('content-disposition')).toMatch(/attachment; filename=".*\.json"/);
      const body = (await all.json()) as { total: number; filter: Record<string, unknown>; collaborations: View[] };
      expect(body.total).toBe(1);
      expect(body.filter.partyTypes).toEqual(['biotech']);
      expect(body.collaborations[0].collaborationId).toBe('kestrel');
    });

    it('should keep a formula-looking title as text in the CSV', async () => {
      await bus.publish(Topics.collaborationsFlagged, flag('formula', '2026-09-01T00:00:00Z', '=HYPERLINK("https://evil.example")'), { key: 'formula' });
      await bus.drained();
      const lines = (await (await get('/api/collaborations.csv?to=2026-09-30')).text()).trimEnd().split('\r\n');
      expect(lines[1].split(',')[2]).toBe('"\'=HYPERLINK(""https://evil.example"")"');
    });

    it('should chart the same filter', async () => {
      const charts = await json<{ byDealType: { months: string[]; series: Array<{ key: string; counts: number[] }> }; topPartners: Array<{ key: string; count: number }> }>('/api/charts?from=2026-10-01');
      expect(charts.byDealType.months).toEqual(['2026-10', '2026-11', '2026-12']);
      expect(charts.byDealType.series.find((s) => s.key === 'co_development')?.counts).toEqual([0, 1, 0]);
      expect(charts.topPartners[0].count).toBe(2);
      expect((await get('/api/charts?from=2026-13-01')).status).toBe(400);
    });

    it('should tell an open page over server-sent events when a flag arrives', async () => {
      const controller = new AbortController();
      const res = await fetch(`${svc.url}/api/events`, { headers: authed, signal: controller.signal });
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      // New flags until the stream tells of one: the store is watched every 2 s, so no single publish is awaited.
      let n = 0;
      const ticker = setInterval(() => void bus.publish(Topics.collaborationsFlagged, flag(`live-${n}`, '2026-12-05T00:00:00Z', `Live ${n++}`), { key: 'live' }), 500);
      try {
        while (!/event: flags\n/.test(text)) {
          const { value, done } = await reader.read();
          if (done) break;
          text += decoder.decode(value);
        }
      } finally {
        clearInterval(ticker);
      }
      controller.abort();
      await bus.drained();
      expect(text).toMatch(/^retry: 5000\n\n/);
      expect(text).toMatch(/event: flags\ndata: \{"at":"/);
    }, 15_000);
  });

  describe('operations', () => {
    it('should show dead letters by reason with their replay command, dead deliveries by channel, and say what is not available', async () => {
      const dead: DeadLetterV1 = {
        originalTopic: Topics.articlesIngested, partition: 0, offset: '7', key: 'x', consumerGroup: 'pharma-radar.classifier', errorCode: 'MESSAGE_SCHEMA_INVALID',
        errorMessage: 'title: expected string', attempts: 1, valueBase64: null, headers: {}, failedAt: '2026-12-07T10:00:00.000Z',
      };
      await bus.publish(Topics.deadLetters, dead, { key: dead.originalTopic });
      await bus.publish(Topics.deliveryDeadLetters, {
        key: 'd2', subscriberId: 'alice', channel: 'email', collaborationIds: ['kestrel'], periodKey: null, attempts: 12, code: 'SMTP_TEMPORARY', reason: '451 try later',
        firstAttemptAt: '2026-12-06T10:00:00.000Z', failedAt: '2026-12-07T10:00:00.000Z',
      }, { key: 'd2' });
      await bus.drained();
      const v = await json<OperationsView>('/api/operations');
      expect(v.deadLetters.groups).toEqual([expect.objectContaining({
        reason: 'MESSAGE_SCHEMA_INVALID', count: 1, replayCommand: `npm run -s cli -- replay --topic ${Topics.articlesIngested} --reason MESSAGE_SCHEMA_INVALID --group pharma-radar.classifier --dry-run`,
      })]);
      // No notifier in this process and the embedded ledger is the notifier's own: said, not shown as zeros.
      expect(v.deliveries).toMatchObject({ available: false, note: expect.stringMatching(/^not available/), channels: [] });
      expect(v.deliveries.deadLetters.groups).toEqual([expect.objectContaining({ channel: 'email', reason: 'SMTP_TEMPORARY', count: 1 })]);
      expect(v.consumers).toMatchObject({ available: false, note: expect.stringMatching(/not available on the embedded bus/) });
      expect(v.model.card).toBeNull();
      expect(v.model.note).toMatch(/not available/);
      expect(v.model.versionsSeen[0]).toEqual({ version: 'test', flags: expect.any(Number) });
    });
  });
});

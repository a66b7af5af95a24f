import { feedbackEventId, feedbackKey, feedbackLabelV1, Topics, type CollaborationFlaggedV1, type FeedbackRecordedV1 } from '@pharma-radar/contracts';
import { dashboardConfig, DashboardModule } from '@pharma-radar/dashboard-service';
import { RunningService, startService } from '@pharma-radar/platform-bootstrap';
import { RedisStore } from '@pharma-radar/platform-cache';
import { configureLogging } from '@pharma-radar/platform-logging';
import { InMemoryBus } from '@pharma-radar/platform-messaging';
import { aFlag, infraFromEnv, uniquePrefix } from '@pharma-radar/testing';

// Feedback events in, the dashboard's feedback list and labelled export out: the dashboard module on the embedded bus
// (its handlers go through the same validate → retry → commit path as on Kafka) with real Redis as its store.
describe('dashboard feedback', () => {
  let svc: RunningService;
  let bus: InMemoryBus;

  const flag = (id: string, revision: number, title: string, evidence: string): CollaborationFlaggedV1 =>
    ({ ...aFlag().id(id).revision(revision).withClassification({ evidence, model_version: 'model-at-the-time', confidence: 0.77 }).build(), title });
  const verdict = (subscriberId: string, collaborationId: string, v: FeedbackRecordedV1['verdict'], minute: number) =>
    bus.publish(Topics.feedbackRecorded, { subscriberId, collaborationId, verdict: v, recordedAt: `2026-12-07T12:${String(minute).padStart(2, '0')}:00.000Z` }, {
      key: feedbackKey(subscriberId, collaborationId),
      id: feedbackEventId(subscriberId, collaborationId, v),
    });
  const get = async (path: string) => {
    const res = await fetch(svc.url + path, { headers: { 'x-test-user': 'analyst' } });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };

  beforeAll(async () => {
    configureLogging({ service: 'dashboard-feedback-test', level: 'error' });
    bus = new InMemoryBus();
    const store = new RedisStore(infraFromEnv().redisUrl, `${uniquePrefix('dashboard-feedback')}:`);
    svc = await startService({
      // Signed in through a trusted proxy header: what is tested here is feedback, not sign-in (dashboard-api.int-spec).
      name: 'dashboard', modules: [DashboardModule.forRoot(dashboardConfig({ DASHBOARD_TRUSTED_IDENTITY_HEADER: 'X-Test-User' }), { kafka: null })], bus, store,
      infra: { kafka: null, redis: null, logLevel: 'error', httpHost: '127.0.0.1' },
      http: { port: 0, host: '127.0.0.1' },
    });

    // Invented announcements. Alpha's second copy changes the headline; subscribers judged the first.
    await bus.publish(Topics.collaborationsFlagged, flag('alpha', 1, 'Kestrel Bio and Ardent Labs join forces on kinase degraders', 'Kestrel Bio and Ardent Labs will co-develop kinase degraders.'), { key: 'alpha' });
    await bus.publish(Topics.collaborationsFlagged, flag('alpha', 2, 'Second copy headline', 'Second copy evidence.'), { key: 'alpha' });
    await bus.publish(Topics.collaborationsFlagged, flag('beta', 1, 'Ormond Pharma opens a packaging plant', 'Ormond Pharma opened a packaging plant with Vale Logistics.'), { key: 'beta' });
    await bus.publish(Topics.collaborationsFlagged, flag('gamma', 1, 'Tessel Therapeutics and a hospital network study sepsis markers', 'Tessel Therapeutics and the network will study sepsis markers.'), { key: 'gamma' });
    await bus.drained();

    await verdict('t1.alice', 'alpha', 'relevant', 1);
    await verdict('t1.bob', 'alpha', 'relevant', 2);
    await verdict('t1.bob', 'alpha', 'relevant', 2); // a double POST that got through twice
    await verdict('t1.alice', 'beta', 'relevant', 3);
    await verdict('t1.alice', 'beta', 'not_relevant', 4); // changed her mind: the last verdict counts
    await verdict('t1.alice', 'gamma', 'relevant', 5);
    await verdict('t1.carol', 'gamma', 'not_relevant', 6);
    await verdict('t1.alice', 'never-flagged', 'relevant', 7);
    await bus.drained();
  });
  afterAll(() => svc.close());

  it('should list each subscriber\'s current verdict, newest first, joined with the flag it judged', async () => {
    const r = await get('/api/feedback');
    expect(r.status).toBe(200);
    const list = JSON.parse(r.text) as Array<{ subscriberId: string; collaborationId: string; verdict: string; flag: null | Record<string, unknown> }>;
    expect(list.map((f) => [f.subscriberId, f.collaborationId, f.verdict])).toEqual([
      ['t1.alice', 'never-flagged', 'relevant'],
      ['t1.carol', 'gamma', 'not_relevant'],
      ['t1.alice', 'gamma', 'relevant'],
      ['t1.alice', 'beta', 'not_relevant'],
      ['t1.bob', 'alpha', 'relevant'],
      ['t1.alice', 'alpha', 'relevant'],
    ]);
    expect(list[0].flag).toBeNull();
    expect(list[5].flag).toMatchObject({
      revision: 1, title: 'Kestrel Bio and Ardent Labs join forces on kinase degraders', evidence: 'Kestrel Bio and Ardent Labs will co-develop kinase degraders.',
      parties: [{ name: 'AstraZeneca', type: 'pharma' }, { name: 'N.N. Petrov Institute of Oncology', type: 'academic' }], modelVersion: 'model-at-the-time', confidence: 0.77,
    });
  });

  it('should export one labelled eval record per judged flag, borderline where subscribers disagree', async () => {
    const r = await get('/api/feedback.jsonl');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(r.headers.get('x-feedback-without-flag')).toBe('1');
    const lines = r.text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.label, l.borderline, l.feedback.verdict, l.feedback.subscribers])).toEqual([
      ['gamma', 'not_rd_collaboration', true, 'mixed', 2],
      ['beta', 'not_rd_collaboration', false, 'not_relevant', 1],
      ['alpha', 'rd_collaboration', false, 'relevant', 2],
    ]);
    const alpha = lines[2];
    expect(alpha).toMatchObject({
      title: 'Kestrel Bio and Ardent Labs join forces on kinase degraders', text: 'Kestrel Bio and Ardent Labs will co-develop kinase degraders.',
      source: 'subscriber feedback', event_type: 'research_collaboration', model_version: 'model-at-the-time', confidence: 0.77,
    });
    for (const l of lines) expect(feedbackLabelV1.safeParse(l.feedback).success).toBe(true);
  });
});

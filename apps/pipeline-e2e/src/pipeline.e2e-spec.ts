import { ConsumerGroups, Topics } from '@pharma-radar/contracts';
import { expectEventually } from '@pharma-radar/testing';
import { BusKind, E2E_USER_HEADER, Pipeline, startPipeline } from './support/pipeline';

// The same black-box scenario on the real broker + Redis and on the embedded bus + store.
describe.each<BusKind>(['kafka', 'memory'])('pipeline on %s', (kind) => {
  let p: Pipeline;
  const classified: string[] = [];

  beforeAll(async () => {
    p = await startPipeline(kind);
    await p.observer.subscribe({
      topic: Topics.articlesClassified,
      groupId: `${ConsumerGroups.dashboardClassified}.e2e-observer` as typeof ConsumerGroups.dashboardClassified,
      handler: async (e) => void classified.push(e.payload.articleId),
    });
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  it('should send exactly one Slack message and one email naming both parties for the one collaboration', async () => {
    await expectEventually(() => expect(classified).toHaveLength(4), { timeoutMs: 60_000 });
    await expectEventually(() => {
      expect(p.slack.requests).toHaveLength(1);
      expect(p.smtp.messages).toHaveLength(1);
    }, { timeoutMs: 30_000 });

    const slackBody = JSON.parse(p.slack.requests[0].body) as { text: string };
    const mail = p.smtp.messages[0];
    for (const text of [slackBody.text, mail.subject + '\n' + mail.text]) {
      expect(text).toContain('Novartis');
      expect(text).toContain('Netherlands Cancer Institute');
    }
    expect(mail.to).toEqual(['analyst@pharma.example']);
    expect(p.slack.requests[0].method).toBe('POST');
  });

  it('should flag only the collaboration on the dashboard', async () => {
    await expectEventually(async () => {
      const res = await fetch(`${p.services.dashboard.url}/api/collaborations`, { headers: { [E2E_USER_HEADER]: 'e2e' } });
      const body = (await res.json()) as Array<{ eventType: string; parties: Array<{ name: string }> }>;
      expect(body).toHaveLength(1);
      expect(body[0].parties.map((x) => x.name)).toEqual(expect.arrayContaining(['Novartis', 'Netherlands Cancer Institute']));
    }, { timeoutMs: 20_000 });
  });

  it('should send nothing new when the same feed is polled again', async () => {
    const summary = await p.poller.poll(p.feed);
    expect(summary).toMatchObject({ ok: true, items: 4, published: 0, duplicates: 4 });
    // Give a wrongly re-published item time to travel the whole chain before asserting silence.
    await new Promise((r) => setTimeout(r, kind === 'kafka' ? 3_000 : 500));
    expect(classified).toHaveLength(4);
    expect(p.slack.requests).toHaveLength(1);
    expect(p.smtp.messages).toHaveLength(1);
  });

  it('should report the feed healthy on the dashboard', async () => {
    const res = await fetch(`${p.services.dashboard.url}/api/feeds`, { headers: { [E2E_USER_HEADER]: 'e2e' } });
    const feeds = (await res.json()) as Array<{ feedId: string; status: string; publishedTotal: number }>;
    expect(feeds).toEqual([expect.objectContaining({ feedId: 'e2e-wire', status: 'ok', publishedTotal: 4 })]);
  });
});

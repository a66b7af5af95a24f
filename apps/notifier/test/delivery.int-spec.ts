import { Topics } from '@pharma-radar/contracts';
import { verifyFeedbackToken, verifyUnsubscribeToken } from '@pharma-radar/notifier-channels';
import { configureLogging } from '@pharma-radar/platform-logging';
import { aFlag, expectEventually } from '@pharma-radar/testing';
import { closeAfterEach, harness, type Harness } from './harness';

jest.setTimeout(180_000);
configureLogging({ service: 'notifier-int', level: 'silent' });

const slackSub = (h: Harness, id = 'ana') => ({ id, slackWebhookUrl: `${h.slack.url}/services/T0/B0/${id}`, channels: ['slack'], watchlist: {}, active: true });
const emailSub = (id = 'bo') => ({ id, email: `${id}@pharma.example`, channels: ['email'], watchlist: {}, active: true });

describe('notifier delivery (real Kafka, Redis, SMTP, HTTP)', () => {
  let h: Harness | undefined;
  closeAfterEach(() => h);

  it('should deliver a Slack message once, no sooner than its Retry-After, when the webhook answers 429 then 200', async () => {
    h = await harness('n-429', [{ status: 429, headers: { 'retry-after': '2' } }]);
    const svc = await h.start([slackSub(h)]);
    await h.flag(svc, aFlag().id('c-429').build());
    await expectEventually(async () => {
      const states = (await h!.records(svc, Topics.deliveries)).map((r) => r.state);
      expect(states).toContain('sent');
    }, { timeoutMs: 30_000, intervalMs: 500 });
    expect(h.slackLog.map((r) => r.status)).toEqual([429, 200]);
    expect(h.slackLog[1].at - h.slackLog[0].at).toBeGreaterThanOrEqual(2_000);
  });

  it('should deliver a signed generic webhook once, no sooner than its Retry-After, when it answers 429 then 200', async () => {
    h = await harness('n-hook-429', [{ status: 429, headers: { 'retry-after': '2' } }]);
    const svc = await h.start(
      [{ id: 'hook', webhookUrl: `${h.slack.url}/hook`, webhookSecret: 'acme-1', channels: ['webhook'], watchlist: {}, active: true }],
      { webhookSecrets: { 'acme-1': '0123456789abcdef0123' } },
    );
    await h.flag(svc, aFlag().id('c-hook').build());
    await expectEventually(async () => {
      expect((await h!.records(svc, Topics.deliveries)).map((r) => r.state)).toContain('sent');
    }, { timeoutMs: 30_000, intervalMs: 500 });
    expect(h.slackLog.map((r) => r.status)).toEqual([429, 200]);
    expect(h.slackLog[1].at - h.slackLog[0].at).toBeGreaterThanOrEqual(2_000);
    const last = h.slack.requests[h.slack.requests.length - 1];
    expect(last.path).toBe('/hook');
    expect(JSON.parse(last.body)).toMatchObject({ alert: { collaborationId: 'c-hook' } });
    expect(Object.keys(last.headers).filter((k) => /signature/i.test(k))).not.toHaveLength(0);
  });

  it('should deliver an email once when the server answers 451 then 250', async () => {
    h = await harness('n-451');
    h.smtp.failNext(451);
    const svc = await h.start([emailSub()]);
    await h.flag(svc, aFlag().id('c-451').build());
    await expectEventually(() => expect(h!.smtp.messages).toHaveLength(1), { timeoutMs: 30_000, intervalMs: 200 });
    await expectEventually(async () => {
      const states = (await h!.records(svc, Topics.deliveries)).map((r) => [r.state, r.attempts]);
      expect(states).toEqual([['pending', 0], ['pending', 1], ['sent', 2]]);
    }, { timeoutMs: 15_000, intervalMs: 500 });
    expect(h.smtp.messages).toHaveLength(1);
  });

  it('should put signed feedback links in Slack alerts and a verifiable one-click unsubscribe in emails when links are configured', async () => {
    h = await harness('n-links');
    const links = { baseUrl: 'https://radar.example.com/v1', secret: 's'.repeat(32) };
    const svc = await h.start([slackSub(h), emailSub()], { links });
    await h.flag(svc, aFlag().id('c-links').build());
    await expectEventually(() => {
      expect(h!.smtp.messages).toHaveLength(1);
      expect(h!.slack.requests).toHaveLength(1);
    }, { timeoutMs: 30_000, intervalMs: 200 });
    const now = Date.now();
    const feedback = [...h.slack.requests[0].body.matchAll(/https:\/\/radar\.example\.com\/v1\/feedback\?token=([\w.-]+)/g)].map((m) => verifyFeedbackToken(m[1], links.secret, now));
    expect(feedback.map((f) => (f.ok ? [f.claims.subscriberId, f.claims.collaborationId, f.claims.verdict] : f.problem)).sort()).toEqual([['ana', 'c-links', 'not_relevant'], ['ana', 'c-links', 'relevant']]);
    const mail = h.smtp.messages[0];
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const token = /<https:\/\/radar\.example\.com\/v1\/unsubscribe\?token=([\w.-]+)>/.exec(mail.headers['list-unsubscribe'] ?? '')?.[1] ?? '';
    const unsubscribe = verifyUnsubscribeToken(token, links.secret, now);
    expect(unsubscribe.ok && [unsubscribe.claims.subscriberId, unsubscribe.claims.channel]).toEqual(['bo', 'email']);
    expect(verifyUnsubscribeToken(token, 't'.repeat(32), now)).toEqual({ ok: false, problem: 'bad_signature' });
  });

  it('should disable a Slack channel that answers 410 and raise an ops event', async () => {
    h = await harness('n-410', [{ status: 410 }]);
    const svc = await h.start([slackSub(h), emailSub()]);
    await h.flag(svc, aFlag().id('c-410').build());
    await expectEventually(async () => {
      expect(await h!.records(svc, Topics.opsEvents)).toEqual([expect.objectContaining({ type: 'channel-disabled', subscriberId: 'ana', channel: 'slack', code: 'SLACK_CHANNEL_ARCHIVED' })]);
    }, { timeoutMs: 30_000, intervalMs: 500 });
    // The next announcement reaches the email subscriber; the disabled channel is not even recorded.
    await h.flag(svc, aFlag().id('c-410-next').build());
    await expectEventually(() => expect(h!.smtp.messages).toHaveLength(2), { timeoutMs: 30_000, intervalMs: 200 });
    const slackRecords = (await h.records(svc, Topics.deliveries)).filter((r) => r.channel === 'slack');
    expect(slackRecords.map((r) => [r.collaborationId, r.state])).toEqual([['c-410', 'pending'], ['c-410', 'rejected']]);
    expect(h.slackLog).toHaveLength(1);
  });

  it('should neither repeat nor lose deliveries when Redis is emptied and the notifier restarts', async () => {
    h = await harness('n-flush');
    const subs = [emailSub('bo'), slackSub(h, 'ana')];
    let svc = await h.start(subs);
    for (const id of ['f1', 'f2', 'f3']) await h.flag(svc, aFlag().id(id).build());
    await expectEventually(() => {
      expect(h!.smtp.messages).toHaveLength(3);
      expect(h!.slackLog.filter((r) => r.status === 200)).toHaveLength(3);
    }, { timeoutMs: 30_000, intervalMs: 200 });

    // One more Slack delivery waits in Redis (Retry-After: 30 s) when Redis is emptied under it.
    h.slack.setHandler((_req, res) => {
      h!.slackLog.push({ at: Date.now(), status: 429 });
      res.writeHead(429, { 'retry-after': '30' });
      res.end('rate_limited');
    });
    await h.flag(svc, aFlag().id('f4').build());
    await expectEventually(() => expect(h!.smtp.messages).toHaveLength(4), { timeoutMs: 30_000, intervalMs: 200 });
    await expectEventually(() => expect(h!.slackLog.filter((r) => r.status === 429)).toHaveLength(1), { timeoutMs: 30_000, intervalMs: 200 });
    await svc.close();
    expect(await h.flushRedis()).toBeGreaterThan(0);

    h.slack.setHandler((_req, res) => {
      h!.slackLog.push({ at: Date.now(), status: 200 });
      res.writeHead(200);
      res.end('ok');
    });
    svc = await h.start(subs);
    // Replays every flag too (a consumer group that lost its offsets would): still nothing twice.
    for (const id of ['f1', 'f2', 'f3', 'f4']) await h.flag(svc, aFlag().id(id).build());
    await expectEventually(() => expect(h!.slackLog.filter((r) => r.status === 200)).toHaveLength(4), { timeoutMs: 60_000, intervalMs: 250 });
    await expectEventually(async () => {
      const sent = (await h!.records(svc, Topics.deliveries)).filter((r) => r.state === 'sent').map((r) => r.key);
      expect(new Set(sent).size).toBe(8);
    }, { timeoutMs: 30_000, intervalMs: 500 });
    expect(h.smtp.messages).toHaveLength(4);
    expect(h.slackLog.filter((r) => r.status === 200)).toHaveLength(4);
  });

  it('should send a digest subscriber one message listing every event of its period', async () => {
    h = await harness('n-digest');
    // A daily digest due 30-90 s from now, in UTC: every flag below falls in that one period.
    const due = new Date(Math.floor((Date.now() + 90_000) / 60_000) * 60_000);
    const at = due.toISOString().slice(11, 16);
    const svc = await h.start([{ ...emailSub('dg'), delivery: { mode: 'daily', at, timeZone: 'UTC' } }]);
    for (const id of ['d1', 'd2', 'd3']) await h.flag(svc, aFlag().id(id).build());
    await expectEventually(async () => {
      expect((await h!.records(svc, Topics.deliveries)).filter((r) => r.state === 'pending')).toHaveLength(3);
    }, { timeoutMs: 15_000, intervalMs: 500 });
    expect(h.smtp.messages).toHaveLength(0);
    await expectEventually(() => expect(h!.smtp.messages).toHaveLength(1), { timeoutMs: 150_000, intervalMs: 500 });
    expect(h.smtp.messages[0].subject).toBe('Pharma Radar daily digest: 3 new R&D collaborations');
    expect(Date.now()).toBeGreaterThanOrEqual(due.getTime());
    await expectEventually(async () => {
      expect((await h!.records(svc, Topics.deliveries)).filter((r) => r.state === 'sent').map((r) => r.collaborationId).sort()).toEqual(['d1', 'd2', 'd3']);
    }, { timeoutMs: 15_000, intervalMs: 500 });
    expect(h.smtp.messages).toHaveLength(1);
  });
});

import { Kafka, logLevel } from 'kafkajs';
import { feedbackEventId, Topics } from '@pharma-radar/contracts';
import { signFeedbackToken, signUnsubscribeToken, type FeedbackVerdict } from '@pharma-radar/notifier-channels';
import { RedisStore } from '@pharma-radar/platform-cache';
import { KafkaBus } from '@pharma-radar/platform-messaging';
import { infraFromEnv, uniquePrefix } from '@pharma-radar/testing';
import { LINK_SECRET, OLD_LINK_SECRET, startApi, type TestApi } from './test/start-api';

interface Recorded {
  key: string | null;
  id: string;
  payload: { subscriberId: string; collaborationId: string; verdict: string; recordedAt: string };
}

// The feedback link target on real HTTP, the real broker and real Redis: what reaches the topic is what a POST did.
describe('feedback links over HTTP, published on Kafka', () => {
  const NOW = Date.parse('2026-12-07T12:00:00Z');
  const suffix = `.${uniquePrefix('feedback-api')}`;
  const topic = Topics.feedbackRecorded + suffix;
  let api: TestApi;
  let kafka: Kafka;

  const token = (subscriberId: string, collaborationId: string, verdict: FeedbackVerdict, opts: { secret?: string; expiresAt?: number } = {}) =>
    signFeedbackToken({ subscriberId, collaborationId, verdict, expiresAt: opts.expiresAt ?? NOW + 86_400_000 }, opts.secret ?? LINK_SECRET);
  const post = (t: string) => api.call('POST', `/v1/feedback?token=${encodeURIComponent(t)}`);

  /** Every record on the topic so far, read with its key: published records are acknowledged before the answer. */
  async function recorded(): Promise<Recorded[]> {
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    const remaining = new Map(offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]));
    const out: Recorded[] = [];
    if (remaining.size === 0) return out;
    const consumer = kafka.consumer({ groupId: uniquePrefix('feedback-api-reader') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const envelope = JSON.parse(message.value!.toString('utf8'));
          out.push({ key: message.key?.toString('utf8') ?? null, id: envelope.id, payload: envelope.payload });
          if (BigInt(message.offset) + 1n >= (remaining.get(partition) ?? 0n)) remaining.delete(partition);
          if (remaining.size === 0) resolve();
        },
      });
    });
    await consumer.disconnect();
    return out;
  }
  const recordsOf = async (subscriberId: string) => (await recorded()).filter((r) => r.payload.subscriberId === subscriberId);

  beforeAll(async () => {
    const infra = infraFromEnv();
    kafka = new Kafka({ clientId: 'feedback-api-int', brokers: infra.kafkaBrokers, logLevel: logLevel.NOTHING });
    const bus = new KafkaBus({ brokers: infra.kafkaBrokers, clientId: 'feedback-api-int', topicSuffix: suffix });
    const store = new RedisStore(infra.redisUrl, `${uniquePrefix('feedback-api')}:`);
    api = await startApi({}, { now: () => NOW }, { bus, store });
  });
  afterAll(() => api.close());

  it('should show a form with a strict Content-Security-Policy and record nothing when a link is only fetched with GET', async () => {
    const r = await api.call('GET', `/v1/feedback?token=${token('t1.getter', 'collab-get', 'relevant')}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(r.text).toContain('<form method="post"');
    expect(r.text).not.toContain('<script');
    // A POST of another subscriber proves the topic is read to its end, so the absence below is not just lag.
    expect((await post(token('t1.witness', 'collab-get', 'relevant'))).status).toBe(200);
    expect(await recordsOf('t1.getter')).toEqual([]);
    expect(await recordsOf('t1.witness')).toHaveLength(1);
  });

  it('should publish one event keyed by subscriber and collaboration, with the deterministic id, when the link is POSTed', async () => {
    const r = await post(token('t1.alice', 'collab-1', 'not_relevant'));
    expect({ status: r.status, body: r.body }).toEqual({ status: 200, body: { recorded: true, verdict: 'not_relevant' } });
    expect(await recordsOf('t1.alice')).toEqual([{
      key: 't1.alice:collab-1',
      id: feedbackEventId('t1.alice', 'collab-1', 'not_relevant'),
      payload: { subscriberId: 't1.alice', collaborationId: 'collab-1', verdict: 'not_relevant', recordedAt: new Date(NOW).toISOString() },
    }]);
  });

  it('should answer a replayed POST the same way and record nothing new', async () => {
    const t = token('t1.bob', 'collab-1', 'relevant');
    expect((await post(t)).status).toBe(200);
    const replay = await post(t);
    expect({ status: replay.status, body: replay.body }).toEqual({ status: 200, body: { recorded: true, verdict: 'relevant' } });
    expect((await recordsOf('t1.bob')).map((e) => e.payload.verdict)).toEqual(['relevant']);
  });

  it('should take the token from the form body, answer the form with a thank-you page, and record a change of mind', async () => {
    expect((await post(token('t1.carol', 'collab-2', 'relevant'))).status).toBe(200);
    const form = await api.call('POST', '/v1/feedback', {
      body: `token=${encodeURIComponent(token('t1.carol', 'collab-2', 'not_relevant'))}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml;q=0.9' },
    });
    expect(form.status).toBe(200);
    expect(form.headers.get('content-type')).toMatch(/^text\/html/);
    expect(form.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(form.text).toContain('recorded as <strong>not relevant</strong>');
    // Back to the first verdict: recorded again (same id as the first), so the last record under the key is current.
    expect((await post(token('t1.carol', 'collab-2', 'relevant'))).status).toBe(200);
    const events = await recordsOf('t1.carol');
    expect(events.map((e) => e.payload.verdict)).toEqual(['relevant', 'not_relevant', 'relevant']);
    expect(new Set(events.map((e) => e.key))).toEqual(new Set(['t1.carol:collab-2']));
  });

  it('should accept a token of the previous key while it is still listed', async () => {
    expect((await post(token('t1.dave', 'collab-3', 'relevant', { secret: OLD_LINK_SECRET }))).status).toBe(200);
    expect(await recordsOf('t1.dave')).toHaveLength(1);
  });

  it.each([
    ['a missing token', () => ''],
    ['an expired token', () => token('t1.mallory', 'collab-9', 'relevant', { expiresAt: NOW - 1 })],
    ['a token of a retired key', () => token('t1.mallory', 'collab-9', 'relevant', { secret: 'retired-link-secret-0123456789abcdef0123' })],
    ['a token whose verdict was altered', () => {
      const [, mac] = token('t1.mallory', 'collab-9', 'not_relevant').split('.');
      return `${Buffer.from(JSON.stringify(['pr.feedback.v1', 't1.mallory', 'collab-9', 'relevant', NOW + 1e6])).toString('base64url')}.${mac}`;
    }],
    ['an unsubscribe token', () => signUnsubscribeToken({ subscriberId: 't1.mallory', channel: 'email', expiresAt: NOW + 1e6 }, LINK_SECRET)],
  ])('should refuse %s with INVALID_TOKEN on GET and POST and record nothing', async (_what, make) => {
    const t = make();
    const path = t ? `/v1/feedback?token=${encodeURIComponent(t)}` : '/v1/feedback';
    for (const method of ['GET', 'POST']) {
      const r = await api.call(method, path);
      expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status: 400, code: 'INVALID_TOKEN' });
    }
    expect((await post(token('t1.witness2', `collab-${_what}`, 'relevant'))).status).toBe(200);
    expect(await recordsOf('t1.mallory')).toEqual([]);
  });
});

import { configureLogging } from '@pharma-radar/platform-logging';
import { aFlag, expectEventually } from '@pharma-radar/testing';
import { closeAfterEach, harness, type Harness } from './harness';

jest.setTimeout(300_000);
configureLogging({ service: 'notifier-replicas-int', level: 'silent' });

const SECRETS = { webhookSecrets: { 'acme-1': '0123456789abcdef0123' } };

/** How many times each value occurs. */
function tally(values: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

// Two notifiers in one consumer group on one broker and one Redis, as two k8s replicas would run.
describe('two notifier replicas (real Kafka, Redis, SMTP, HTTP)', () => {
  let h: Harness | undefined;
  closeAfterEach(() => h);

  it('should send every delivery exactly once when flags reach either replica, again after Redis is emptied, and digests span both', async () => {
    h = await harness('n-replicas');
    // A daily digest due 60-120 s from now (UTC): every flag below falls in its one period.
    const due = new Date(Math.floor((Date.now() + 120_000) / 60_000) * 60_000);
    const subscribers = [
      { id: 'bo', email: 'bo@pharma.example', channels: ['email'], watchlist: {}, active: true },
      { id: 'hook', webhookUrl: `${h.slack.url}/hook`, webhookSecret: 'acme-1', channels: ['webhook'], watchlist: {}, active: true },
      { id: 'dg', email: 'dg@pharma.example', channels: ['email'], watchlist: {}, active: true, delivery: { mode: 'daily', at: due.toISOString().slice(11, 16), timeZone: 'UTC' } },
    ];
    const a = await h.start(subscribers, SECRETS);
    const b = await h.start(subscribers, SECRETS);
    const alerts = () => h!.smtp.messages.filter((m) => m.to.includes('bo@pharma.example'));
    const digests = () => h!.smtp.messages.filter((m) => m.to.includes('dg@pharma.example'));
    const hooks = () => h!.slack.requests.filter((r) => r.path === '/hook').map((r) => JSON.parse(r.body).alert.collaborationId as string);

    const first = Array.from({ length: 24 }, (_, i) => `rep-${i}`);
    for (const id of first) await h.flag(a, aFlag().id(id).build());
    await expectEventually(() => {
      expect(alerts()).toHaveLength(24);
      expect(hooks()).toHaveLength(24);
    }, { timeoutMs: 90_000, intervalMs: 250 });

    // Redis emptied under both (queue, claims), then every flag delivered again, as after a consumer-group
    // reset: whichever replica gets a flag now must know what the other one sent.
    expect(await h.flushRedis()).toBeGreaterThan(0);
    for (const id of first) await h.flag(b, aFlag().id(id).build());
    const later = Array.from({ length: 6 }, (_, i) => `rep-late-${i}`);
    for (const id of later) await h.flag(b, aFlag().id(id).build());
    await expectEventually(() => {
      expect(alerts()).toHaveLength(30);
      expect(hooks()).toHaveLength(30);
    }, { timeoutMs: 90_000, intervalMs: 250 });

    // The digest gathers items recorded by both replicas, whichever one runs its job.
    await expectEventually(() => expect(digests()).toHaveLength(1), { timeoutMs: 200_000, intervalMs: 500 });
    expect(digests()[0].subject).toBe('Pharma Radar daily digest: 30 new R&D collaborations');

    // Clean shutdown waits for the sends in hand: after it, nothing more can arrive.
    await h.close();
    const expected = [...first, ...later].sort();
    const hookTally = tally(hooks());
    expect([...hookTally.keys()].sort()).toEqual(expected);
    expect([...hookTally.values()].every((n) => n === 1)).toBe(true);
    const mailTally = tally(alerts().map((m) => m.headers['message-id']));
    expect(mailTally.size).toBe(30);
    expect([...mailTally.values()].every((n) => n === 1)).toBe(true);
    expect(digests()).toHaveLength(1);
  });
});

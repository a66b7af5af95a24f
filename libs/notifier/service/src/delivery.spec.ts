import { Topics } from '@pharma-radar/contracts';
import { ChannelProvider, DeliveryCode, DeliveryResult, rejected, retry } from '@pharma-radar/notifier-channels';
import { AlertMessage, parseSubscribers, Subscriber } from '@pharma-radar/notifier-subscriptions';
import { MemoryCompactedLog } from '@pharma-radar/notifier-compacted-log';
import { InMemoryBus } from '@pharma-radar/platform-messaging';
import { aFlag } from '@pharma-radar/testing';
import { ChannelStatus } from './channel-status';
import { MemoryDeliveryClaims } from './delivery-claims';
import { DeliveryLedger } from './delivery-ledger';
import { DeliveryPlanner } from './delivery-planner';
import { DeliveryWorker } from './delivery-worker';
import { AddOptions, DeliveryJob, JobHandler, JobQueue } from './job-queue';
import { MemoryPacer } from './pacer';
import { redriveDeadDeliveries } from './redrive';
import { DEFAULT_DELIVERY_RETRY } from './retry-policy';
import { staticSubscribers } from './subscriber-source';

class RecordingQueue implements JobQueue {
  readonly kind = 'memory' as const;
  readonly added: Array<{ job: DeliveryJob; opts: AddOptions }> = [];
  async add(job: DeliveryJob, opts: AddOptions) { this.added.push({ job, opts }); }
  async start(_h: JobHandler) {}
  async depth() { return { waiting: 0, delayed: 0, active: 0 }; }
  async stopWorkers() {}
  async close() {}
}

class ScriptedProvider implements ChannelProvider {
  readonly sent: AlertMessage[] = [];
  constructor(readonly channel: 'email' | 'slack', private readonly script: DeliveryResult[] = []) {}
  async send(message: AlertMessage): Promise<DeliveryResult> {
    const next = this.script.shift() ?? { status: 'sent' };
    if (next.status === 'sent') this.sent.push(message);
    return next;
  }
}

function subscribers(json: unknown[]): Subscriber[] {
  const parsed = parseSubscribers(json, { allowedWebhookPrefixes: ['http://127.0.0.1:9/'] });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.subscribers;
}

const WEEK = 7 * 86_400_000;

async function setup(subs: Subscriber[], providers: ChannelProvider[], start = Date.parse('2026-01-15T12:00:00Z')) {
  let now = start;
  const clock = { now: () => now, set: (t: number) => { now = t; } };
  const bus = new InMemoryBus();
  const ledgerLog = new MemoryCompactedLog();
  const opsLog = new MemoryCompactedLog();
  const ledger = new DeliveryLedger(ledgerLog);
  const status = new ChannelStatus(opsLog);
  await ledger.start();
  await status.start();
  const queue = new RecordingQueue();
  const claims = new MemoryDeliveryClaims(clock.now);
  const planner = new DeliveryPlanner(staticSubscribers(subs), ledger, status, queue, claims, WEEK, clock.now);
  const workerOf = (list: Subscriber[], ps: ChannelProvider[], l = ledger) =>
    new DeliveryWorker(staticSubscribers(list), ps, l, status, new MemoryPacer(), bus, claims, { retry: DEFAULT_DELIVERY_RETRY, slackIntervalMs: 1_000 }, clock.now);
  const worker = workerOf(subs, providers);
  const logs: Record<string, MemoryCompactedLog> = { [Topics.deliveries]: ledgerLog, [Topics.opsEvents]: opsLog };
  const payloads = (topic: string) =>
    logs[topic] ? logs[topic].entries().filter((r) => r.value !== null).map((r) => JSON.parse(String(r.value)).payload) : bus.records(topic).map((r) => JSON.parse(String(r.value)).payload);
  return { clock, bus, ledger, ledgerLog, status, queue, planner, worker, workerOf, claims, payloads };
}

const ana = subscribers([{ id: 'ana', email: 'ana@pharma.example', channels: ['email'], watchlist: {}, active: true }]);
const daily = subscribers([{ id: 'ana', email: 'ana@pharma.example', channels: ['email'], watchlist: {}, active: true, digest: 'daily' }]);

/** The broker refuses the next ledger write (the `sent` record after a send that went through), then recovers. */
function failNextLedgerWrite(log: MemoryCompactedLog): void {
  const append = log.append.bind(log);
  log.append = async () => {
    log.append = append;
    throw new Error('broker unavailable');
  };
}

describe('DeliveryPlanner', () => {
  it('should record a pending delivery and queue a job without sending when a flag arrives', async () => {
    const email = new ScriptedProvider('email');
    const t = await setup(ana, [email]);
    await t.planner.plan(aFlag().build(), new Date(t.clock.now()));
    expect(email.sent).toHaveLength(0);
    expect(t.payloads(Topics.deliveries)).toEqual([expect.objectContaining({ state: 'pending', kind: 'alert', subscriberId: 'ana', channel: 'email' })]);
    expect(t.queue.added).toEqual([expect.objectContaining({ opts: expect.objectContaining({ jobId: 'delivery:v1:ana:email:' + encodeURIComponent(aFlag().build().collaborationId) }) })]);
  });

  it('should record nothing again when the same flag or a later revision arrives', async () => {
    const t = await setup(ana, [new ScriptedProvider('email')]);
    await t.planner.plan(aFlag().build(), new Date(t.clock.now()));
    await t.worker.handle(t.queue.added[0].job);
    expect(await t.planner.plan(aFlag().build(), new Date(t.clock.now()))).toBe(0);
    expect(await t.planner.plan(aFlag().revision(2).build(), new Date(t.clock.now()))).toBe(0);
    expect(t.queue.added).toHaveLength(1);
  });

  it('should not plan a flag older than the ledger retention, whose deliveries may have been forgotten', async () => {
    const t = await setup(ana, [new ScriptedProvider('email')]);
    expect(await t.planner.plan(aFlag().build(), new Date(t.clock.now() - WEEK - 1))).toBe(0);
    expect(await t.planner.plan(aFlag().build(), new Date(t.clock.now() - WEEK + 60_000))).toBe(1);
  });

  it('should never send a replayed flag twice, inside the retention (the ledger remembers) or beyond it (too old to plan)', async () => {
    const email = new ScriptedProvider('email');
    const t = await setup(ana, [email]);
    const flaggedAt = new Date(t.clock.now());
    await t.planner.plan(aFlag().build(), flaggedAt);
    await t.worker.handle(t.queue.added[0].job);
    t.clock.set(flaggedAt.getTime() + WEEK - 60_000);
    expect(await t.ledger.sweep(t.clock.now() - WEEK)).toBe(0);
    expect(await t.planner.plan(aFlag().build(), flaggedAt)).toBe(0);
    t.clock.set(flaggedAt.getTime() + WEEK + 60_000);
    expect(await t.ledger.sweep(t.clock.now() - WEEK)).toBe(1);
    expect(t.ledger.size).toBe(0);
    expect(await t.planner.plan(aFlag().build(), flaggedAt)).toBe(0);
    expect(t.queue.added).toHaveLength(1);
    expect(email.sent).toHaveLength(1);
  });

  it('should not plan a delivery another replica sent a moment ago, before its ledger record arrived', async () => {
    const t = await setup(ana, [new ScriptedProvider('email')]);
    const key = 'delivery:v1:ana:email:' + encodeURIComponent(aFlag().build().collaborationId);
    await t.claims.markSent([key], 60_000);
    expect(await t.planner.plan(aFlag().build(), new Date(t.clock.now()))).toBe(0);
    expect(t.queue.added).toHaveLength(0);
  });

  it('should hold an immediate alert that falls in quiet hours until they end', async () => {
    const night = subscribers([{ id: 'ana', email: 'ana@pharma.example', channels: ['email'], watchlist: {}, active: true }]).map((s) => ({ ...s, quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' } }) as Subscriber);
    const t = await setup(night, [new ScriptedProvider('email')], Date.parse('2026-01-15T23:00:00Z'));
    await t.planner.plan(aFlag().build(), new Date(t.clock.now()));
    expect(new Date(t.queue.added[0].opts.at).toISOString()).toBe('2026-01-16T06:00:00.000Z');
  });
});

describe('DeliveryWorker', () => {
  it('should retry no sooner than Retry-After and send once when the channel asks to wait', async () => {
    const email = new ScriptedProvider('email', [retry(DeliveryCode.SmtpTransient, '451 greylisted', 2_000)]);
    const t = await setup(ana, [email]);
    await t.planner.plan(aFlag().build(), new Date(t.clock.now()));
    const first = await t.worker.handle(t.queue.added[0].job);
    expect(first).toMatchObject({ kind: 'later', job: { attempts: 1 } });
    if (first.kind !== 'later') throw new Error('expected later');
    expect(first.at).toBeGreaterThanOrEqual(t.clock.now() + 2_000);
    t.clock.set(first.at);
    expect(await t.worker.handle(first.job)).toEqual({ kind: 'done' });
    expect(email.sent).toHaveLength(1);
    expect(t.payloads(Topics.deliveries).map((p) => p.state)).toEqual(['pending', 'pending', 'sent']);
  });

  it('should send once when two workers run the same job at the same time (a stalled job run again)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const sent: AlertMessage[] = [];
    const slow: ChannelProvider = { channel: 'email', send: async (m) => { await gate; sent.push(m); return { status: 'sent' }; } };
    const t = await setup(ana, [slow]);
    await t.planner.plan(aFlag().build(), new Date(t.clock.now()));
    const job = t.queue.added[0].job;
    const first = t.worker.handle(job);
    const second = await t.workerOf(ana, [slow]).handle(job);
    expect(second).toMatchObject({ kind: 'later', job });
    release();
    expect(await first).toEqual({ kind: 'done' });
    // The second run, when its time comes, finds the delivery settled and sends nothing.
    expect(await t.worker.handle(job)).toEqual({ kind: 'done' });
    expect(sent).toHaveLength(1);
  });

  it('should record a send whose ledger write failed on the job\'s next run, without sending again', async () => {
    const email = new ScriptedProvider('email');
    const t = await setup(ana, [email]);
    await t.planner.plan(aFlag().build(), new Date(t.clock.now()));
    const job = t.queue.added[0].job;
    failNextLedgerWrite(t.ledgerLog);
    await expect(t.worker.handle(job)).rejects.toThrow('broker unavailable');
    expect(email.sent).toHaveLength(1);
    expect(t.ledger.get(job.key)?.state).toBe('pending');
    // The queue runs the job again (any replica's worker): it finds the send marked and only records it.
    expect(await t.workerOf(ana, [email]).handle(job)).toEqual({ kind: 'done' });
    expect(email.sent).toHaveLength(1);
    expect(t.ledger.get(job.key)?.state).toBe('sent');
  });

  it('should send each digest item once when its message went out but the ledger write failed', async () => {
    const email = new ScriptedProvider('email');
    const t = await setup(daily, [email], Date.parse('2026-01-15T09:00:00Z'));
    await t.planner.plan(aFlag().id('c1').build(), new Date('2026-01-15T09:00:00Z'));
    await t.planner.plan(aFlag().id('c2').build(), new Date('2026-01-15T10:00:00Z'));
    t.clock.set(Date.parse('2026-01-16T08:00:00Z'));
    failNextLedgerWrite(t.ledgerLog);
    await expect(t.worker.handle(t.queue.added[0].job)).rejects.toThrow('broker unavailable');
    // A late item of the same period arrives before the job runs again: it goes out alone, the two sent ones are recorded.
    await t.planner.plan(aFlag().id('c3').build(), new Date('2026-01-15T11:00:00Z'));
    expect(await t.worker.handle(t.queue.added[0].job)).toEqual({ kind: 'done' });
    expect(email.sent.map((m) => m.digest?.alerts.map((a) => a.collaborationId))).toEqual([['c1', 'c2'], ['c3']]);
    expect(t.ledger.inState('pending')).toEqual([]);
  });

  it('should disable the channel and raise an ops event when a channel refuses for good', async () => {
    const email = new ScriptedProvider('email', [rejected(DeliveryCode.SmtpRejected, '550 no such user')]);
    const t = await setup(ana, [email]);
    await t.planner.plan(aFlag().build(), new Date(t.clock.now()));
    expect(await t.worker.handle(t.queue.added[0].job)).toEqual({ kind: 'done' });
    expect(t.status.isDisabled('ana', 'email')).toBe(true);
    expect(t.payloads(Topics.opsEvents)).toEqual([expect.objectContaining({ type: 'channel-disabled', subscriberId: 'ana', channel: 'email', code: 'SMTP_REJECTED' })]);
    expect(await t.planner.plan(aFlag().id('another').build(), new Date(t.clock.now()))).toBe(0);
  });

  it('should dead-letter after the retry window and re-drive on replay', async () => {
    const email = new ScriptedProvider('email', Array.from({ length: 100 }, () => retry(DeliveryCode.SmtpTransient, '451 later')));
    const t = await setup(ana, [email]);
    await t.planner.plan(aFlag().build(), new Date(t.clock.now()));
    let outcome = await t.worker.handle(t.queue.added[0].job);
    while (outcome.kind === 'later') {
      t.clock.set(outcome.at);
      outcome = await t.worker.handle(outcome.job);
    }
    expect(t.payloads(Topics.deliveryDeadLetters)).toEqual([expect.objectContaining({ subscriberId: 'ana', code: 'SMTP_TRANSIENT', reason: '451 later' })]);
    expect(t.clock.now() - Date.parse('2026-01-15T12:00:00Z')).toBeLessThanOrEqual(24 * 3_600_000);

    // The replay runs in another process (the CLI) with its own ledger read from the topic; the running
    // notifier follows the topic and sees the delivery reopened.
    const cliLedger = new DeliveryLedger(new MemoryCompactedLog(t.ledgerLog.store));
    await cliLedger.start();
    expect(await redriveDeadDeliveries(cliLedger, t.queue, t.clock.now)).toEqual({ deliveries: 1, jobs: 1 });
    expect(t.ledger.get(t.queue.added[0].job.key)?.state).toBe('pending');
    const fixed = new ScriptedProvider('email');
    const worker = t.workerOf(ana, [fixed]);
    expect(await worker.handle(t.queue.added[1].job)).toEqual({ kind: 'done' });
    expect(fixed.sent).toHaveLength(1);
    expect(t.ledger.get(t.queue.added[0].job.key)?.state).toBe('sent');
  });

  it('should pace Slack to one message per second per webhook by delaying the job to its slot', async () => {
    const subs = subscribers([{ id: 'ana', slackWebhookUrl: 'http://127.0.0.1:9/services/T/B/x', channels: ['slack'], watchlist: {}, active: true }]);
    const slack = new ScriptedProvider('slack');
    const t = await setup(subs, [slack]);
    await t.planner.plan(aFlag().id('c1').build(), new Date(t.clock.now()));
    await t.planner.plan(aFlag().id('c2').build(), new Date(t.clock.now()));
    expect(await t.worker.handle(t.queue.added[0].job)).toEqual({ kind: 'done' });
    const second = await t.worker.handle(t.queue.added[1].job);
    expect(second).toMatchObject({ kind: 'later', at: t.clock.now() + 1_000 });
    if (second.kind !== 'later') throw new Error('expected later');
    t.clock.set(second.at);
    expect(await t.worker.handle(second.job)).toEqual({ kind: 'done' });
    expect(slack.sent).toHaveLength(2);
  });

  it('should retry, not drop, a delivery whose subscriber is not known yet', async () => {
    const email = new ScriptedProvider('email');
    const t = await setup(ana, [email]);
    await t.planner.plan(aFlag().build(), new Date(t.clock.now()));
    const orphan = t.workerOf([], [email]);
    const outcome = await orphan.handle(t.queue.added[0].job);
    expect(outcome).toMatchObject({ kind: 'later', job: { attempts: 1 } });
    if (outcome.kind !== 'later') throw new Error('expected later');
    t.clock.set(outcome.at);
    expect(await t.worker.handle(outcome.job)).toEqual({ kind: 'done' });
    expect(email.sent).toHaveLength(1);
  });

  it('should send one digest listing every flag of its period and none of the next', async () => {
    const email = new ScriptedProvider('email');
    const t = await setup(daily, [email], Date.parse('2026-01-15T09:00:00Z'));
    await t.planner.plan(aFlag().id('c1').build(), new Date('2026-01-15T09:00:00Z'));
    await t.planner.plan(aFlag().id('c2').build(), new Date('2026-01-15T20:00:00Z'));
    await t.planner.plan(aFlag().id('c3').build(), new Date('2026-01-16T08:00:00Z'));
    const jobs = t.queue.added.map((a) => a.opts.jobId);
    expect(new Set(jobs).size).toBe(2);
    expect(new Date(t.queue.added[0].opts.at).toISOString()).toBe('2026-01-16T08:00:00.000Z');
    t.clock.set(Date.parse('2026-01-16T08:00:00Z'));
    await t.worker.handle(t.queue.added[0].job);
    expect(email.sent).toHaveLength(1);
    expect(email.sent[0].subject).toBe('Pharma Radar daily digest: 2 new R&D collaborations');
    // Running the same period's job again (a redelivery) finds nothing left to send.
    await t.worker.handle(t.queue.added[0].job);
    expect(email.sent).toHaveLength(1);
  });

  it('should hold a digest whose period ends in quiet hours until they end', async () => {
    const night = subscribers([{ id: 'ana', email: 'ana@pharma.example', channels: ['email'], watchlist: {}, active: true }])
      .map((s) => ({ ...s, delivery: { mode: 'daily', at: '23:00', timeZone: 'Europe/Berlin' }, quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' } }) as Subscriber);
    const t = await setup(night, [new ScriptedProvider('email')], Date.parse('2026-01-15T12:00:00Z'));
    await t.planner.plan(aFlag().build(), new Date(t.clock.now()));
    // Period ends 23:00 Berlin (22:00Z), inside quiet hours: it goes out at 07:00 Berlin (06:00Z).
    expect(new Date(t.queue.added[0].opts.at).toISOString()).toBe('2026-01-16T06:00:00.000Z');
  });

  it('should send an item recorded after its period went out in a follow-up, never in two digests', async () => {
    const email = new ScriptedProvider('email');
    const t = await setup(daily, [email], Date.parse('2026-01-15T09:00:00Z'));
    await t.planner.plan(aFlag().id('c1').build(), new Date('2026-01-15T09:00:00Z'));
    t.clock.set(Date.parse('2026-01-16T08:00:00Z'));
    await t.worker.handle(t.queue.added[0].job);
    // A flag of the same period handled late (the notifier was down): same period, not yet sent.
    await t.planner.plan(aFlag().id('c2').build(), new Date('2026-01-15T10:00:00Z'));
    expect(t.queue.added[1].opts).toMatchObject({ jobId: t.queue.added[0].opts.jobId, at: t.clock.now(), keepCompleted: false });
    await t.worker.handle(t.queue.added[1].job);
    expect(email.sent.map((m) => m.subject)).toEqual(['Pharma Radar daily digest: 1 new R&D collaboration', 'Pharma Radar daily digest: 1 new R&D collaboration']);
    expect(email.sent.map((m) => m.digest?.alerts.map((a) => a.collaborationId))).toEqual([['c1'], ['c2']]);
  });
});

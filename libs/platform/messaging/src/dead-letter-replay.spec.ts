import { articleIngestedV1Example, ConsumerGroups, DeadLetterV1, Topics } from '@pharma-radar/contracts';
import { buildDeadLetter } from './dead-letter';
import { planReplay, replayDeadLetters, ReplayLine } from './dead-letter-replay';
import { createEnvelope, encodeEnvelope } from './envelope';
import { InMemoryBus } from './in-memory-bus';

const original = encodeEnvelope(createEnvelope(Topics.articlesIngested, articleIngestedV1Example, { id: 'evt-1', correlationId: 'c-1' }));

function dead(more: Partial<Parameters<typeof buildDeadLetter>[0]> = {}, maxBytes?: number): DeadLetterV1 {
  return buildDeadLetter({
    topic: Topics.articlesIngested, partition: 1, offset: '9', key: 'k', value: original.value, headers: original.headers,
    consumerGroup: ConsumerGroups.classifier, errorCode: 'HANDLER_FAILED', errorMessage: 'redis down', attempts: 5,
    failedAt: new Date('2026-12-07T10:00:00Z'), ...more,
  }, maxBytes);
}

describe('planReplay', () => {
  it('should give back the original bytes, key and headers when the dead letter is whole', () => {
    const plan = planReplay(dead(), {});
    expect(plan).toMatchObject({ action: 'replay', topic: Topics.articlesIngested, key: 'k', headers: original.headers });
    expect(plan.action === 'replay' && plan.value.equals(original.value)).toBe(true);
  });

  it('should refuse a truncated dead letter with a clear error', () => {
    const plan = planReplay(dead({ value: Buffer.alloc(50_000, 'x') }, 20_000), {});
    expect(plan).toMatchObject({ action: 'refuse', code: 'DEAD_LETTER_TRUNCATED' });
    expect(plan.action === 'refuse' && plan.message).toContain('50000-byte record');
  });

  it('should refuse a dead letter without a value and one whose value no longer matches its hash', () => {
    expect(planReplay(dead({ value: null }), {})).toMatchObject({ action: 'refuse', code: 'DEAD_LETTER_EMPTY' });
    const altered = { ...dead(), valueBase64: Buffer.from('{"other":1}').toString('base64') };
    expect(planReplay(altered, {})).toMatchObject({ action: 'refuse', code: 'DEAD_LETTER_CORRUPT' });
  });

  it('should re-drive a dead letter written before hashes existed', () => {
    const old = { ...dead() };
    delete old.valueSha256;
    delete old.valueBytes;
    expect(planReplay(old, {}).action).toBe('replay');
  });

  it.each([
    ['another topic', { topics: [Topics.collaborationsFlagged] }],
    ['another reason', { reasons: ['MESSAGE_NOT_JSON'] }],
    ['another group', { groups: [ConsumerGroups.notifier] }],
    ['a later since', { since: new Date('2026-12-07T10:00:01Z') }],
    ['an earlier until', { until: new Date('2026-12-07T09:59:59Z') }],
  ])('should skip a dead letter when the filter names %s', (_name, filter) => {
    expect(planReplay(dead(), filter)).toEqual({ action: 'skip' });
  });

  it('should take a dead letter when every filter matches', () => {
    const filter = { topics: [Topics.articlesIngested], reasons: ['HANDLER_FAILED'], groups: [ConsumerGroups.classifier], since: new Date('2026-12-07T10:00:00Z'), until: new Date('2026-12-07T10:00:00Z') };
    expect(planReplay(dead(), filter).action).toBe('replay');
  });

  it('should skip dead letters of topics that are not pipeline topics', () => {
    expect(planReplay({ ...dead(), originalTopic: Topics.deadLetters }, {})).toEqual({ action: 'skip' });
    expect(planReplay({ ...dead(), originalTopic: Topics.deliveries }, {})).toEqual({ action: 'skip' });
    expect(planReplay({ ...dead(), originalTopic: Topics.opsEvents }, {})).toEqual({ action: 'skip' });
    expect(planReplay({ ...dead(), originalTopic: Topics.feedbackRecorded }, {}).action).toBe('replay');
  });
});

describe('replayDeadLetters', () => {
  async function busWithDeadLetters() {
    const bus = new InMemoryBus();
    await bus.start();
    await bus.publish(Topics.deadLetters, dead(), { key: Topics.articlesIngested });
    await bus.publish(Topics.deadLetters, dead({ value: Buffer.alloc(50_000, 'x'), offset: '10' }, 20_000), { key: Topics.articlesIngested });
    await bus.publish(Topics.deadLetters, dead({ topic: Topics.collaborationsFlagged, offset: '11' }), { key: Topics.collaborationsFlagged });
    return bus;
  }

  it('should re-drive the whole dead letters with their event id and report the truncated one as refused', async () => {
    const bus = await busWithDeadLetters();
    const lines: ReplayLine[] = [];
    const totals = await replayDeadLetters(bus, { topics: [Topics.articlesIngested] }, (l) => void lines.push(l));
    expect(totals).toEqual({ read: 3, invalid: 0, skipped: 1, replayed: 1, refused: 1, dryRun: false });
    expect(lines.map((l) => [l.action, l.offset, l.eventId, l.error?.code])).toEqual([
      ['replayed', '9', 'evt-1', undefined],
      ['refused', '10', undefined, 'DEAD_LETTER_TRUNCATED'],
    ]);
    const redriven = bus.records(Topics.articlesIngested);
    expect(redriven).toHaveLength(1);
    expect(redriven[0].value!.equals(original.value)).toBe(true);
    expect(redriven[0]).toMatchObject({ key: 'k', headers: original.headers });
  });

  it('should publish nothing when it is a dry run', async () => {
    const bus = await busWithDeadLetters();
    const lines: ReplayLine[] = [];
    const totals = await replayDeadLetters(bus, { dryRun: true }, (l) => void lines.push(l));
    expect(totals).toMatchObject({ replayed: 2, refused: 1, dryRun: true });
    expect(lines.map((l) => l.action)).toEqual(['would-replay', 'refused', 'would-replay']);
    expect(bus.records(Topics.articlesIngested)).toHaveLength(0);
    expect(bus.records(Topics.collaborationsFlagged)).toHaveLength(0);
  });
});

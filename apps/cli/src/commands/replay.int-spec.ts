import { AppError, articleIngestedV1Example, ConsumerGroupId, DeadLetterV1, ErrorCode, Topics } from '@pharma-radar/contracts';
import { EventOf, KafkaBus } from '@pharma-radar/platform-messaging';
import { expectEventually, infraFromEnv, uniquePrefix } from '@pharma-radar/testing';
import { replayCommand, ReplayArgs } from './replay';

describe('replay (real broker)', () => {
  const suffix = `.${uniquePrefix('replay')}`;
  const brokers = infraFromEnv().kafkaBrokers;
  const group = uniquePrefix('replay-classifier') as ConsumerGroupId;
  let bus: KafkaBus;
  let storeDown = true;
  const handled: Array<EventOf<typeof Topics.articlesIngested>> = [];
  const dead: DeadLetterV1[] = [];
  const args = (more: Partial<ReplayArgs> = {}): ReplayArgs => ({ topics: [], reasons: [], groups: [], dryRun: false, ...more });

  async function run(a: ReplayArgs): Promise<{ code: number; lines: Array<Record<string, unknown>> }> {
    let out = '';
    const code = await replayCommand(a, (s) => void (out += s), {}, bus);
    return { code, lines: out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
  }

  beforeAll(async () => {
    bus = new KafkaBus({ brokers, clientId: 'replay-int', topicSuffix: suffix, retry: { maxAttempts: 2, baseDelayMs: 10 }, sessionTimeoutMs: 10_000 });
    await bus.start();
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: group, handler: async (e) => {
      if (e.payload.title === 'too big') throw new AppError(ErrorCode.DeliveryRejected, 'rejected', false);
      if (storeDown) throw new Error('store down');
      handled.push(e);
    } });
    await bus.subscribe({ topic: Topics.deadLetters, groupId: uniquePrefix('replay-dl') as ConsumerGroupId, handler: async (e) => void dead.push(e.payload) });
  }, 60_000);

  afterAll(() => bus.stop());

  it('should re-drive a dead letter after the fix with its event id, and refuse a truncated one', async () => {
    await bus.publish(Topics.articlesIngested, { ...articleIngestedV1Example, articleId: 'a-1' }, { key: 'a-1', id: 'event-a-1' });
    const big = { ...articleIngestedV1Example, articleId: 'big', title: 'too big', text: '€'.repeat(200_000), summary: '€'.repeat(100_000) };
    await bus.publish(Topics.articlesIngested, big, { key: 'big' });
    await expectEventually(() => expect(dead.map((d) => d.errorCode).sort()).toEqual([ErrorCode.DeliveryRejected, ErrorCode.HandlerFailed]), { timeoutMs: 30_000 });
    storeDown = false;

    // Dry run: says what it would do, publishes nothing; the truncated dead letter is refused (exit 1).
    const dry = await run(args({ dryRun: true }));
    expect(dry.code).toBe(1);
    expect(dry.lines.slice(0, -1).map((l) => [l.action, l.eventId ?? null, (l.error as { code?: string } | undefined)?.code ?? null]).sort()).toEqual([
      ['refused', null, 'DEAD_LETTER_TRUNCATED'],
      ['would-replay', 'event-a-1', null],
    ]);
    expect(dry.lines.at(-1)).toEqual({ summary: { read: 2, invalid: 0, skipped: 0, replayed: 1, refused: 1, dryRun: true } });

    // Only the store failures: the truncated one is filtered out, so nothing is refused.
    const real = await run(args({ reasons: [ErrorCode.HandlerFailed], topics: [Topics.articlesIngested] }));
    expect(real.code).toBe(0);
    expect(real.lines).toEqual([
      expect.objectContaining({ action: 'replayed', eventId: 'event-a-1', originalTopic: Topics.articlesIngested, errorCode: ErrorCode.HandlerFailed }),
      { summary: { read: 2, invalid: 0, skipped: 1, replayed: 1, refused: 0, dryRun: false } },
    ]);
    await expectEventually(() => expect(handled.map((e) => [e.id, e.payload.articleId])).toEqual([['event-a-1', 'a-1']]), { timeoutMs: 30_000 });
    // The dry run published nothing: a second copy would be here as well.
    expect(dead).toHaveLength(2);
  }, 120_000);

  it('should refuse a topic that is not a pipeline topic', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await replayCommand(args({ topics: [Topics.deadLetters] }), () => undefined, {}, bus)).toBe(2);
      expect(String(stderr.mock.calls[0][0])).toContain('--topic must be one of');
    } finally {
      stderr.mockRestore();
    }
  });
});

import { AppError, articleIngestedV1Example, DeadLetterV1, ErrorCode, Headers, Topics } from '@pharma-radar/contracts';
import { createEnvelope, encodeEnvelope } from './envelope';
import { describeError, processRecord } from './processing';
import type { RawRecord } from './record';

const topic = Topics.articlesIngested;

function record(value: Buffer | null, headers: Record<string, string> = {}): RawRecord {
  return { topic, partition: 0, offset: '7', key: 'k', value, headers };
}

function validRecord(): RawRecord {
  const { value, headers } = encodeEnvelope(createEnvelope(topic, articleIngestedV1Example, { correlationId: 'c-1' }));
  return record(value, headers);
}

function deps() {
  const dead: DeadLetterV1[] = [];
  return { dead, groupId: 'g', deadLetter: async (dl: DeadLetterV1) => void dead.push(dl), sleep: async () => undefined, retry: { maxAttempts: 3 } };
}

describe('processRecord', () => {
  it('should call the handler with the validated envelope when the record is valid', async () => {
    const d = deps();
    const seen: unknown[] = [];
    const out = await processRecord<typeof topic>(validRecord(), async (e) => void seen.push(e.payload.articleId), d);
    expect(out).toEqual({ status: 'handled', attempts: 1 });
    expect(seen).toEqual([articleIngestedV1Example.articleId]);
    expect(d.dead).toHaveLength(0);
  });

  it.each([
    ['not JSON', Buffer.from('{"bad":'), ErrorCode.MessageNotJson],
    ['plain text', Buffer.from('hello'), ErrorCode.MessageNotJson],
    ['empty', Buffer.alloc(0), ErrorCode.MessageEmpty],
    ['a tombstone', null, ErrorCode.MessageEmpty],
    ['wrong schema', Buffer.from(JSON.stringify({ id: 'x', type: 'article.ingested', version: 99, payload: {} })), ErrorCode.MessageSchemaInvalid],
  ])('should dead-letter without calling the handler when the value is %s', async (_name, value, code) => {
    const d = deps();
    const handler = jest.fn();
    const out = await processRecord(record(value as Buffer | null), handler, d);
    expect(handler).not.toHaveBeenCalled();
    expect(out).toMatchObject({ status: 'dead-lettered', code });
    expect(d.dead[0]).toMatchObject({ originalTopic: topic, offset: '7', errorCode: code, consumerGroup: 'g' });
    expect(d.dead[0].valueBase64).toBe(value ? (value as Buffer).toString('base64') : null);
  });

  it('should reject a forged payload field type when title is a number', async () => {
    const d = deps();
    const env = createEnvelope(topic, { ...articleIngestedV1Example, title: 42 as unknown as string });
    const out = await processRecord(record(encodeEnvelope(env).value), jest.fn(), d);
    expect(out).toMatchObject({ status: 'dead-lettered', code: ErrorCode.MessageSchemaInvalid });
    expect(d.dead[0].errorMessage).toContain('payload.title');
  });

  it('should retry then dead-letter when the handler keeps throwing', async () => {
    const d = deps();
    const handler = jest.fn().mockRejectedValue(new Error('redis down'));
    const out = await processRecord(validRecord(), handler, d);
    expect(handler).toHaveBeenCalledTimes(3);
    expect(out).toMatchObject({ status: 'dead-lettered', code: ErrorCode.HandlerFailed, attempts: 3 });
  });

  it('should succeed on a later attempt when the failure is transient', async () => {
    const d = deps();
    const handler = jest.fn().mockRejectedValueOnce(new Error('blip')).mockResolvedValue(undefined);
    expect(await processRecord(validRecord(), handler, d)).toEqual({ status: 'handled', attempts: 2 });
    expect(d.dead).toHaveLength(0);
  });

  it('should dead-letter at once when the handler throws a non-retryable AppError', async () => {
    const d = deps();
    const handler = jest.fn().mockRejectedValue(new AppError(ErrorCode.DeliveryRejected, 'no', false));
    const out = await processRecord(validRecord(), handler, d);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(out).toMatchObject({ status: 'dead-lettered', code: ErrorCode.DeliveryRejected, attempts: 1 });
  });

  it('should throw so the record is redelivered when the dead letter cannot be written', async () => {
    const d = { ...deps(), deadLetter: async () => { throw new Error('broker gone'); } };
    await expect(processRecord(record(Buffer.from('x')), jest.fn(), d)).rejects.toThrow('broker gone');
  });

  it('should take the correlation id from the envelope when the header is missing', async () => {
    const d = deps();
    const r = validRecord();
    delete r.headers[Headers.correlationId];
    let seen: string | undefined;
    await processRecord<typeof topic>(r, async (e) => void (seen = e.correlationId), d);
    expect(seen).toBe('c-1');
  });

  it('should spread the retry backoff with jitter when records fail together', async () => {
    const sleeps = (random: () => number) => {
      const slept: number[] = [];
      const d = { ...deps(), retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300 }, random, sleep: async (ms: number) => void slept.push(ms) };
      return processRecord(validRecord(), jest.fn().mockRejectedValue(new Error('redis down')), d).then(() => slept);
    };
    // Half of each capped exponential delay (100, 200, 300) is fixed, half drawn at random.
    expect(await sleeps(() => 0)).toEqual([50, 100, 150]);
    expect(await sleeps(() => 0.5)).toEqual([75, 150, 225]);
    expect(await sleeps(() => 0.999)).toEqual([100, 200, 300]);
  });

  it('should stop retrying without dead-lettering when a rebalance begins during the backoff', async () => {
    let rebalancing = false;
    const rebalance = Object.assign(new Error('The group is rebalancing'), { type: 'REBALANCE_IN_PROGRESS' });
    const d = {
      ...deps(),
      sleep: async () => void (rebalancing = true),
      heartbeat: async () => { if (rebalancing) throw rebalance; },
    };
    const handler = jest.fn().mockRejectedValue(new Error('redis down'));
    await expect(processRecord(validRecord(), handler, d)).rejects.toBe(rebalance);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(d.dead).toHaveLength(0);
  });

  it('should keep the AppError code and message in the dead letter when a handler throws one', async () => {
    const d = deps();
    await processRecord(validRecord(), jest.fn().mockRejectedValue(new AppError(ErrorCode.DeliveryRejected, '550 no such user', false)), d);
    expect(d.dead[0]).toMatchObject({ errorCode: ErrorCode.DeliveryRejected, errorMessage: '550 no such user', attempts: 1 });
  });
});

describe('describeError', () => {
  it.each([
    ['an Error', new Error('boom'), 'boom'],
    ['a string', 'plain', 'plain'],
    ['an object with a message', { status: 'error', message: 'Internal server error' }, 'Internal server error'],
    ['another object', { code: 7 }, '{"code":7}'],
    ['undefined', undefined, 'undefined'],
  ])('should say what was thrown when it is %s', (_name, value, text) => {
    expect(describeError(value)).toBe(text);
  });
});

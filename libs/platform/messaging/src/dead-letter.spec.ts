import { createHash } from 'node:crypto';
import { AppError, articleIngestedV1Example, DeadLetterV1, deadLetterV1Payload, ErrorCode, Topics } from '@pharma-radar/contracts';
import { buildDeadLetter, DeadLetterFacts, isReplayable, MAX_DEAD_LETTER_BYTES } from './dead-letter';
import { createEnvelope, encodeEnvelope } from './envelope';
import { processRecord } from './processing';

function facts(value: Buffer | null, more: Partial<DeadLetterFacts> = {}): DeadLetterFacts {
  return {
    topic: Topics.articlesIngested, partition: 2, offset: '41', key: 'k', value, headers: { 'x-correlation-id': 'c-1' },
    consumerGroup: 'g', errorCode: 'HANDLER_FAILED', errorMessage: 'boom', attempts: 5, failedAt: new Date('2026-12-07T10:00:00Z'), ...more,
  };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const jsonBytes = (dl: DeadLetterV1) => Buffer.byteLength(JSON.stringify(dl));

describe('buildDeadLetter', () => {
  it('should keep the value whole with its hash and size when it fits', () => {
    const value = Buffer.from('{"bad":');
    const dl = buildDeadLetter(facts(value));
    expect(dl).toMatchObject({ valueBase64: value.toString('base64'), valueSha256: sha(value), valueBytes: 7, originalTopic: Topics.articlesIngested, offset: '41' });
    expect(dl.valueTruncated).toBeUndefined();
    expect(isReplayable(dl)).toBe(true);
    expect(deadLetterV1Payload.parse(dl)).toEqual(dl);
  });

  it('should keep a prefix, the hash and the size of the whole when a 0.9 MB value would not fit after base64', () => {
    const value = Buffer.alloc(900_000, 'x');
    value.write('HEAD', 0);
    const dl = buildDeadLetter(facts(value));
    expect(jsonBytes(dl)).toBeLessThanOrEqual(MAX_DEAD_LETTER_BYTES);
    expect(dl).toMatchObject({ valueTruncated: true, valueSha256: sha(value), valueBytes: 900_000, key: 'k', headers: { 'x-correlation-id': 'c-1' } });
    const kept = Buffer.from(dl.valueBase64!, 'base64');
    expect(kept.length).toBeGreaterThan(600_000);
    expect(kept.equals(value.subarray(0, kept.length))).toBe(true);
    expect(isReplayable(dl)).toBe(false);
    expect(deadLetterV1Payload.parse(dl)).toEqual(dl);
  });

  it('should stay within the limit when the key and headers alone would fill it', () => {
    const headers = Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`h${i}`, 'v'.repeat(1_000)]));
    const dl = buildDeadLetter(facts(Buffer.alloc(10_000, 'y'), { key: 'k'.repeat(950_000), headers }));
    expect(jsonBytes(dl)).toBeLessThanOrEqual(MAX_DEAD_LETTER_BYTES);
    expect(dl.valueTruncated).toBe(true);
    expect(dl.key).toHaveLength(1_000);
    expect(dl.valueBytes).toBe(10_000);
  });

  it('should honour a smaller limit when one is given', () => {
    const dl = buildDeadLetter(facts(Buffer.alloc(100_000, 'z')), 32_768);
    expect(jsonBytes(dl)).toBeLessThanOrEqual(32_768);
    expect(dl.valueTruncated).toBe(true);
  });

  it('should write no hash when the record had no value', () => {
    const dl = buildDeadLetter(facts(null));
    expect(dl.valueBase64).toBeNull();
    expect(dl.valueSha256).toBeUndefined();
    expect(isReplayable(dl)).toBe(false);
  });

  it('should parse a dead letter written before the hash and size fields existed', () => {
    const old = { ...buildDeadLetter(facts(Buffer.from('x'))) } as Partial<DeadLetterV1>;
    delete old.valueSha256;
    delete old.valueBytes;
    expect(deadLetterV1Payload.safeParse(old).success).toBe(true);
  });
});

describe('processRecord with a large poison record', () => {
  const big = () => {
    // Valid, so the handler sees it: the text limit counts characters, and '€' takes 3 bytes.
    const env = createEnvelope(Topics.articlesIngested, { ...articleIngestedV1Example, text: '€'.repeat(200_000), summary: '€'.repeat(100_000) });
    return { topic: Topics.articlesIngested, partition: 0, offset: '3', key: 'k', headers: {}, value: encodeEnvelope(env).value };
  };
  const reject = jest.fn().mockRejectedValue(new AppError(ErrorCode.DeliveryRejected, 'no', false));

  it('should write a dead letter within the limit when the handler rejects a 0.9 MB record', async () => {
    const dead: DeadLetterV1[] = [];
    const out = await processRecord(big(), reject, { groupId: 'g', deadLetter: async (dl) => void dead.push(dl) });
    expect(out).toMatchObject({ status: 'dead-lettered', code: ErrorCode.DeliveryRejected });
    expect(dead[0].valueTruncated).toBe(true);
    expect(jsonBytes(dead[0])).toBeLessThanOrEqual(MAX_DEAD_LETTER_BYTES);
  });

  it('should write a small dead letter when the broker refuses the first one as too large', async () => {
    const sizes: number[] = [];
    const tooLarge = Object.assign(new Error('too large'), { type: 'MESSAGE_TOO_LARGE' });
    const deadLetter = async (dl: DeadLetterV1) => {
      sizes.push(jsonBytes(dl));
      if (sizes.length === 1) throw tooLarge;
    };
    const out = await processRecord(big(), reject, { groupId: 'g', deadLetter, isTooLarge: (e) => e === tooLarge });
    expect(out.status).toBe('dead-lettered');
    expect(sizes).toHaveLength(2);
    expect(sizes[1]).toBeLessThanOrEqual(32_768);
  });

  it('should throw so the record is redelivered when the dead-letter write fails for another reason', async () => {
    const deadLetter = async () => { throw new Error('broker gone'); };
    await expect(processRecord(big(), reject, { groupId: 'g', deadLetter, isTooLarge: () => false })).rejects.toThrow('broker gone');
  });
});

import { createHash } from 'node:crypto';
import type { DeadLetterV1 } from '@pharma-radar/contracts';
import type { RawRecord } from './record';

/**
 * Most bytes a dead letter's payload JSON may take. The broker refuses a record batch over
 * max.message.bytes (1 MiB by default), and the base64 of a record just under that limit is a third
 * larger: without a cap the dead letter of a large poison record is refused, the record cannot be
 * committed and its partition stops. Equal to the SendQueue's request cap, so a dead letter never
 * needs a request of its own beyond what the queue already allows.
 */
export const MAX_DEAD_LETTER_BYTES = 900_000;

/** Room left for the envelope around the payload (ids, type, time, a correlation id of up to 1,000 characters) and its headers. */
const ENVELOPE_RESERVE_BYTES = 8_192;
/** The key and each header value stay whole up to this in a dead letter that had to be cut. */
const CUT_FIELD_CHARS = 1_000;

export interface DeadLetterFacts extends RawRecord {
  consumerGroup: string;
  errorCode: string;
  errorMessage: string;
  attempts: number;
  failedAt: Date;
}

/**
 * The dead letter of one record, within maxBytes of JSON. The value is kept whole when it fits;
 * otherwise only a prefix is kept, marked valueTruncated, and the SHA-256 and byte size of the whole
 * still say which record it was. Pure, so the size arithmetic is tested without a broker.
 */
export function buildDeadLetter(f: DeadLetterFacts, maxBytes = MAX_DEAD_LETTER_BYTES): DeadLetterV1 {
  const whole: DeadLetterV1 = {
    originalTopic: f.topic,
    partition: f.partition,
    offset: f.offset,
    key: f.key,
    consumerGroup: f.consumerGroup,
    errorCode: f.errorCode,
    errorMessage: f.errorMessage.slice(0, 4_000),
    attempts: f.attempts,
    valueBase64: f.value ? f.value.toString('base64') : null,
    ...(f.value ? { valueSha256: createHash('sha256').update(f.value).digest('hex'), valueBytes: f.value.length } : {}),
    headers: f.headers,
    failedAt: f.failedAt.toISOString(),
  };
  const budget = maxBytes - ENVELOPE_RESERVE_BYTES;
  if (jsonBytes(whole) <= budget) return whole;

  // Everything but the value first; a key or headers that alone fill the budget are cut too (the
  // dead letter is then a record of the failure, not a copy of the record).
  let rest: DeadLetterV1 = { ...whole, valueBase64: '', valueTruncated: true };
  if (jsonBytes(rest) > budget) rest = { ...rest, key: f.key?.slice(0, CUT_FIELD_CHARS) ?? null, headers: cutHeaders(f.headers, budget / 4) };
  const roomChars = Math.max(0, budget - jsonBytes(rest));
  // base64 writes 4 characters for every 3 bytes; JSON writes them unescaped.
  const keptBytes = Math.min(f.value?.length ?? 0, Math.floor(roomChars / 4) * 3);
  return { ...rest, valueBase64: f.value ? f.value.subarray(0, keptBytes).toString('base64') : null };
}

/** Whether a dead letter holds its record whole, so re-publishing it gives back the original bytes. */
export function isReplayable(dl: DeadLetterV1): boolean {
  return dl.valueTruncated !== true && dl.valueBase64 !== null;
}

function cutHeaders(headers: Record<string, string>, maxBytes: number): Record<string, string> {
  const out: Record<string, string> = {};
  let used = 2;
  for (const [k, v] of Object.entries(headers)) {
    const name = k.slice(0, CUT_FIELD_CHARS);
    const value = v.slice(0, CUT_FIELD_CHARS);
    const cost = Buffer.byteLength(JSON.stringify(name) + JSON.stringify(value)) + 2;
    if (used + cost > maxBytes) break;
    out[name] = value;
    used += cost;
  }
  return out;
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

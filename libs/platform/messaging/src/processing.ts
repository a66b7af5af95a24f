import { AppError, DeadLetterV1, ErrorCode, Headers, TopicName, TopicSpecs } from '@pharma-radar/contracts';
import { getLogger, withCorrelation } from '@pharma-radar/platform-logging';
import { DEFAULT_RETRY, EventOf, Handler, RecordContext, RetryPolicy } from './bus';
import { buildDeadLetter } from './dead-letter';
import type { RawRecord } from './record';


export type Outcome =
  | { status: 'handled'; attempts: number }
  | { status: 'dead-lettered'; code: ErrorCode; attempts: number; message: string };

export interface ProcessDeps {
  groupId: string;
  deadLetter: (dl: DeadLetterV1, key: string) => Promise<void>;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  /** Source of the backoff jitter, in [0, 1); tests pin it. */
  random?: () => number;
  /**
   * Called before each retry, after the backoff. It throws when this member must rejoin its group
   * (a rebalance began, even during the backoff): the record then stops retrying and is redelivered
   * to its next owner instead of holding the rebalance for the rest of its retry budget.
   */
  heartbeat?: () => Promise<void>;
  onOutcome?: (outcome: Outcome, record: RawRecord) => void;
  /** Bytes a dead letter's payload may take (default MAX_DEAD_LETTER_BYTES). */
  maxDeadLetterBytes?: number;
  /** Whether a failed dead-letter write was refused for its size, so a smaller one is tried once. */
  isTooLarge?: (err: unknown) => boolean;
}

const log = getLogger('MessageProcessing');
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Validate → handle with retries → dead-letter → return (so the offset commits).
 * Written once for every consumer and both bus kinds: a poison message costs at most the retry
 * budget and never blocks its partition. It throws only when the dead letter itself cannot be
 * written, so the record is redelivered rather than lost.
 */
export async function processRecord<T extends TopicName>(record: RawRecord, handler: Handler<T>, deps: ProcessDeps): Promise<Outcome> {
  const policy = { ...DEFAULT_RETRY, ...deps.retry };
  const sleep = deps.sleep ?? defaultSleep;
  const headerCorrelation = record.headers[Headers.correlationId];

  return withCorrelation(headerCorrelation, async () => {
    const decoded = decode<T>(record);
    if (!decoded.ok) return finish(await deadLetter(record, deps, decoded.code, decoded.message, 0), record, deps);

    const event = decoded.event;
    return withCorrelation(event.correlationId, async () => {
      let lastError: unknown;
      for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
        const ctx: RecordContext = { topic: record.topic, partition: record.partition, offset: record.offset, key: record.key, headers: record.headers, attempt };
        try {
          await handler(event, ctx);
          return finish({ status: 'handled', attempts: attempt }, record, deps);
        } catch (err) {
          lastError = err;
          const retryable = !(err instanceof AppError) || err.retryable;
          log.warn('handler failed', { topic: record.topic, offset: record.offset, attempt, retryable, err });
          if (!retryable) break;
          if (attempt < policy.maxAttempts) {
            await sleep(retryDelayMs(policy, attempt, deps.random ?? Math.random));
            await deps.heartbeat?.();
          }
        }
      }
      const code = lastError instanceof AppError ? lastError.code : ErrorCode.HandlerFailed;
      const message = describeError(lastError);
      const attempts = lastError instanceof AppError && !lastError.retryable ? 1 : policy.maxAttempts;
      return finish(await deadLetter(record, deps, code, message, attempts), record, deps);
    });
  });
}

/**
 * Exponential backoff with equal jitter: half the capped delay is fixed, half random. Records that
 * failed together (one broker or store blip) then retry spread out instead of in lockstep, while
 * the delay still grows with each attempt.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(capped / 2 + (capped / 2) * random());
}

/**
 * The text of a thrown value for the dead letter. Not everything thrown is an Error (Nest filters
 * throw `{ status, message }` objects), and String() of an object says only "[object Object]".
 */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') return (err as { message: string }).message;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

function finish(outcome: Outcome, record: RawRecord, deps: ProcessDeps): Outcome {
  deps.onOutcome?.(outcome, record);
  return outcome;
}

export type Decoded<T extends TopicName> = { ok: true; event: EventOf<T> } | { ok: false; code: ErrorCode; message: string };

export function decode<T extends TopicName>(record: RawRecord): Decoded<T> {
  if (record.value === null || record.value.length === 0) return { ok: false, code: ErrorCode.MessageEmpty, message: 'empty or null value' };
  let json: unknown;
  try {
    json = JSON.parse(record.value.toString('utf8'));
  } catch (e) {
    return { ok: false, code: ErrorCode.MessageNotJson, message: `value is not JSON: ${(e as Error).message}` };
  }
  const spec = TopicSpecs[record.topic as TopicName];
  if (!spec) return { ok: false, code: ErrorCode.MessageSchemaInvalid, message: `no contract for topic ${record.topic}` };
  const parsed = spec.schema.safeParse(json);
  if (!parsed.success) {
    const summary = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, code: ErrorCode.MessageSchemaInvalid, message: summary };
  }
  return { ok: true, event: parsed.data as EventOf<T> };
}

async function deadLetter(record: RawRecord, deps: ProcessDeps, code: ErrorCode, message: string, attempts: number): Promise<Outcome> {
  const facts = { ...record, consumerGroup: deps.groupId, errorCode: code, errorMessage: message, attempts, failedAt: new Date() };
  const dl = buildDeadLetter(facts, deps.maxDeadLetterBytes);
  log.error('message dead-lettered', { topic: record.topic, offset: record.offset, code, attempts, truncated: dl.valueTruncated === true, reason: message.slice(0, 300) });
  try {
    await deps.deadLetter(dl, record.topic);
  } catch (err) {
    // A broker whose limit is below ours: a small record of the failure beats a partition that stops.
    if (!deps.isTooLarge?.(err)) throw err;
    log.warn('dead letter refused as too large; writing it without the value', { topic: record.topic, offset: record.offset, err });
    await deps.deadLetter(buildDeadLetter(facts, SMALL_DEAD_LETTER_BYTES), record.topic);
  }
  return { status: 'dead-lettered', code, attempts, message };
}

/** The fallback size of a dead letter the broker refused: any broker takes a record this small. */
const SMALL_DEAD_LETTER_BYTES = 32_768;

/** Header values from the wire may be missing or not UTF-8; never let them throw. */
export function decodeHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || v === null) continue;
    const first = Array.isArray(v) ? v[0] : v;
    const text = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
    // U+FFFD marks bytes that were not UTF-8: keep the header but make the damage visible.
    out[k] = text.slice(0, 1_000);
  }
  return out;
}

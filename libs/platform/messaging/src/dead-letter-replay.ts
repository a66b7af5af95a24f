import { createHash } from 'node:crypto';
import { DeadLetterV1, TopicName, Topics } from '@pharma-radar/contracts';
import type { EventOf, MessageBus } from './bus';

/**
 * Topics whose dead letters this re-drives: the pipeline's event topics. Named one by one because a
 * new topic is not replayable by default: the notifier's ledger and ops topics are compacted state,
 * and delivery dead letters have their own topic and replay (`replay --deliveries`).
 */
export const REPLAYABLE_TOPICS: readonly TopicName[] = [Topics.articlesIngested, Topics.articlesClassified, Topics.collaborationsFlagged, Topics.feedbackRecorded];

export interface DeadLetterFilter {
  /** Original topics to re-drive; empty means every pipeline topic. */
  topics?: readonly string[];
  /** Error codes to re-drive; empty means any. */
  reasons?: readonly string[];
  /** Consumer groups whose failures to re-drive; empty means any. */
  groups?: readonly string[];
  /** Failed at or after. */
  since?: Date;
  /** Failed at or before. */
  until?: Date;
}

export type ReplayRefusal = 'DEAD_LETTER_TRUNCATED' | 'DEAD_LETTER_EMPTY' | 'DEAD_LETTER_CORRUPT';

export type ReplayPlan =
  | { action: 'skip' }
  | { action: 'refuse'; code: ReplayRefusal; message: string }
  | { action: 'replay'; topic: TopicName; value: Buffer; key: string | null; headers: Record<string, string> };

/**
 * What to do with one dead letter, without I/O. Only a record kept whole can be re-driven: its bytes
 * go back unchanged, so the event keeps its id and idempotent consumers drop a second copy.
 */
export function planReplay(dl: DeadLetterV1, filter: DeadLetterFilter): ReplayPlan {
  if (!REPLAYABLE_TOPICS.includes(dl.originalTopic as TopicName)) return { action: 'skip' };
  if (filter.topics?.length && !filter.topics.includes(dl.originalTopic)) return { action: 'skip' };
  if (filter.reasons?.length && !filter.reasons.includes(dl.errorCode)) return { action: 'skip' };
  if (filter.groups?.length && !filter.groups.includes(dl.consumerGroup)) return { action: 'skip' };
  const failedAt = Date.parse(dl.failedAt);
  if ((filter.since && failedAt < filter.since.getTime()) || (filter.until && failedAt > filter.until.getTime())) return { action: 'skip' };

  if (dl.valueTruncated) {
    return {
      action: 'refuse',
      code: 'DEAD_LETTER_TRUNCATED',
      message: `only the first bytes of this ${dl.valueBytes ?? '?'}-byte record were kept (it did not fit in a dead letter); re-publish it from its source (sha256 ${dl.valueSha256 ?? 'unknown'})`,
    };
  }
  if (dl.valueBase64 === null || dl.valueBase64 === '') return { action: 'refuse', code: 'DEAD_LETTER_EMPTY', message: 'the record had no value: there is nothing to re-drive' };
  const value = Buffer.from(dl.valueBase64, 'base64');
  if (dl.valueSha256 && createHash('sha256').update(value).digest('hex') !== dl.valueSha256) {
    return { action: 'refuse', code: 'DEAD_LETTER_CORRUPT', message: 'the kept value does not match its SHA-256: it was altered after it was dead-lettered' };
  }
  return { action: 'replay', topic: dl.originalTopic as TopicName, value, key: dl.key, headers: dl.headers };
}

export interface ReplayLine {
  action: 'replayed' | 'would-replay' | 'refused';
  deadLetterId: string;
  originalTopic: string;
  partition: number | null;
  offset: string | null;
  consumerGroup: string;
  errorCode: string;
  failedAt: string;
  /** Id of the re-driven event when its value is an envelope; consumers de-duplicate on it. */
  eventId?: string | null;
  error?: { code: ReplayRefusal; message: string };
}

export interface ReplayTotals {
  read: number;
  invalid: number;
  skipped: number;
  replayed: number;
  refused: number;
  dryRun: boolean;
}

/**
 * Reads the dead-letter topic once (outside any consumer group) and re-drives the matching dead
 * letters to their original topics, in the order they were dead-lettered. One line per matching dead
 * letter through `report`, written before the next is handled.
 */
export async function replayDeadLetters(bus: MessageBus, filter: DeadLetterFilter & { dryRun?: boolean }, report: (line: ReplayLine) => void): Promise<ReplayTotals> {
  const totals = { read: 0, invalid: 0, skipped: 0, replayed: 0, refused: 0, dryRun: filter.dryRun === true };
  // A dead letter is written after it failed, so seeking to `since` by record time misses none.
  const summary = await bus.replay(Topics.deadLetters, { from: filter.since }, async (event: EventOf<typeof Topics.deadLetters>) => {
    const dl = event.payload;
    const plan = planReplay(dl, filter);
    if (plan.action === 'skip') {
      totals.skipped++;
      return;
    }
    const line: ReplayLine = {
      action: 'refused', deadLetterId: event.id, originalTopic: dl.originalTopic, partition: dl.partition, offset: dl.offset,
      consumerGroup: dl.consumerGroup, errorCode: dl.errorCode, failedAt: dl.failedAt,
    };
    if (plan.action === 'refuse') {
      totals.refused++;
      report({ ...line, error: { code: plan.code, message: plan.message } });
      return;
    }
    if (!filter.dryRun) await bus.publishRaw(plan.topic, plan.value, { key: plan.key ?? undefined, headers: plan.headers });
    totals.replayed++;
    report({ ...line, action: filter.dryRun ? 'would-replay' : 'replayed', eventId: envelopeId(plan.value) });
  });
  return { ...totals, read: summary.read, invalid: summary.invalid };
}

function envelopeId(value: Buffer): string | null {
  try {
    const id = (JSON.parse(value.toString('utf8')) as { id?: unknown }).id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

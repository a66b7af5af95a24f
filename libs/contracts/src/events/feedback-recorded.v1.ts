import { createHash } from 'node:crypto';
import { z } from 'zod';
import { envelopeSchema } from '../envelope';

export const FEEDBACK_VERDICT_VALUES = ['relevant', 'not_relevant'] as const;

/**
 * A subscriber's verdict on one alert, from the signed relevant / not-relevant links. Keyed by
 * `feedbackKey(subscriberId, collaborationId)`, so one subscriber's verdicts on one announcement stay
 * ordered and the last one wins. Consumers fold by that key: a repeated event changes nothing.
 */
export const feedbackRecordedV1Payload = z.object({
  subscriberId: z.string().min(1).max(200),
  collaborationId: z.string().min(1).max(200),
  verdict: z.enum(FEEDBACK_VERDICT_VALUES),
  recordedAt: z.iso.datetime({ offset: true }),
});
export type FeedbackRecordedV1 = z.infer<typeof feedbackRecordedV1Payload>;

export const FEEDBACK_RECORDED_V1 = 'feedback.recorded' as const;
export const feedbackRecordedV1 = envelopeSchema(FEEDBACK_RECORDED_V1, 1, feedbackRecordedV1Payload);

/** Partition key: the latest verdict of a subscriber on a collaboration is the last record under it. */
export const feedbackKey = (subscriberId: string, collaborationId: string) => `${subscriberId}:${collaborationId}`;

/**
 * Envelope id, the same for the same click: a double POST of one link is one event to a consumer that
 * de-duplicates by id. Hashed, because the ids it is made of may be long and hold any character.
 */
export function feedbackEventId(subscriberId: string, collaborationId: string, verdict: FeedbackRecordedV1['verdict']): string {
  const digest = createHash('sha256').update(JSON.stringify([subscriberId, collaborationId, verdict])).digest('hex').slice(0, 32);
  return `feedback-${digest}`;
}

/**
 * What a labelled record exported from feedback (the dashboard's /api/feedback.jsonl) carries besides the
 * eval schema: eval recognises such a file by `source` and reports the precision subscribers saw.
 */
export const FEEDBACK_LABEL_SOURCE = 'subscriber feedback' as const;
export const feedbackLabelV1 = z.object({
  /** The label's verdict; 'mixed' where subscribers disagree (the record is then borderline). */
  verdict: z.enum([...FEEDBACK_VERDICT_VALUES, 'mixed']),
  subscribers: z.number().int().min(1),
  relevant: z.number().int().min(0),
  not_relevant: z.number().int().min(0),
});
export type FeedbackLabelV1 = z.infer<typeof feedbackLabelV1>;

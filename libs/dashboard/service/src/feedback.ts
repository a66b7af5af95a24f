import {
  CollaborationFlaggedV1, FEEDBACK_LABEL_SOURCE, feedbackKey, feedbackRecordedV1Payload, type FeedbackLabelV1, type FeedbackRecordedV1,
} from '@pharma-radar/contracts';
import { toView } from '@pharma-radar/dashboard-domain';
import { z } from 'zod';

// Pure: folding stored feedback events into current verdicts, joining them with their flags and turning them into
// labelled eval records. The controller does the I/O.

/** One stored feedback event: the payload and its envelope id, as appended to the capped list. */
export const storedFeedback = feedbackRecordedV1Payload.extend({ id: z.string().min(1).max(200) });
export type StoredFeedback = z.infer<typeof storedFeedback>;

/** What a subscriber judged: the flag as first alerted (revision 1 is the one the notifier sends). */
export const flagSummary = z.object({
  collaborationId: z.string(),
  revision: z.number().int(),
  title: z.string(),
  url: z.string().nullable(),
  publishedAt: z.string().nullable(),
  eventType: z.string(),
  parties: z.array(z.object({ name: z.string(), type: z.string(), role: z.string().optional() })),
  confidence: z.number(),
  evidence: z.string(),
  modelVersion: z.string(),
});
export type FlagSummary = z.infer<typeof flagSummary>;

/** The collaboration view's fields that a summary keeps (zod drops the rest). */
export function summariseFlag(f: CollaborationFlaggedV1): FlagSummary {
  return flagSummary.parse(toView(f));
}

/**
 * The current verdict of each subscriber on each collaboration, newest first. The list is newest first in the order
 * the dashboard consumed it, and one subscriber's verdicts on one collaboration share a partition key, so the first
 * entry per key is the last verdict given; repeats of an event (redelivery, a double POST) fold away.
 */
export function currentVerdicts(newestFirst: readonly StoredFeedback[]): StoredFeedback[] {
  const seen = new Set<string>();
  const out: StoredFeedback[] = [];
  for (const f of newestFirst) {
    const key = feedbackKey(f.subscriberId, f.collaborationId);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

export interface FeedbackView {
  subscriberId: string;
  collaborationId: string;
  verdict: FeedbackRecordedV1['verdict'];
  recordedAt: string;
  /** Null when the dashboard never saw the flag (consumed before this dashboard kept flags per id, or expired). */
  flag: FlagSummary | null;
}

export function feedbackViews(current: readonly StoredFeedback[], flags: ReadonlyMap<string, FlagSummary>): FeedbackView[] {
  return current.map((f) => ({
    subscriberId: f.subscriberId,
    collaborationId: f.collaborationId,
    verdict: f.verdict,
    recordedAt: f.recordedAt,
    flag: flags.get(f.collaborationId) ?? null,
  }));
}

/** One line of /api/feedback.jsonl: the eval schema (shared/eval/*.jsonl) plus what the feedback was. */
export interface FeedbackLabelledRecord {
  id: string;
  title: string;
  /** The evidence sentence: the flag keeps no full text. */
  text: string;
  url: string | null;
  date: string | null;
  label: 'rd_collaboration' | 'not_rd_collaboration';
  /** The flag's deal type and parties as alerted: subscribers judged the flag, not these. */
  event_type: string;
  parties: string[];
  partner_types: string[];
  /** Subscribers disagree: eval counts it for neither side of the flag. */
  borderline: boolean;
  source: typeof FEEDBACK_LABEL_SOURCE;
  feedback: FeedbackLabelV1;
  model_version: string;
  confidence: number;
}

export interface LabelledExport {
  records: FeedbackLabelledRecord[];
  /** Collaborations with feedback but no known flag: nothing to label them with. */
  withoutFlag: string[];
}

/**
 * One record per collaboration with feedback, newest verdict first. Where subscribers disagree the majority names
 * the label (a tie: not a collaboration, the cautious reading) and the record is borderline.
 */
export function labelledRecords(current: readonly StoredFeedback[], flags: ReadonlyMap<string, FlagSummary>): LabelledExport {
  const byCollaboration = new Map<string, { relevant: number; notRelevant: number }>();
  for (const f of current) {
    const counts = byCollaboration.get(f.collaborationId) ?? { relevant: 0, notRelevant: 0 };
    if (f.verdict === 'relevant') counts.relevant++;
    else counts.notRelevant++;
    byCollaboration.set(f.collaborationId, counts);
  }
  const records: FeedbackLabelledRecord[] = [];
  const withoutFlag: string[] = [];
  for (const [id, { relevant, notRelevant }] of byCollaboration) {
    const flag = flags.get(id);
    if (!flag) {
      withoutFlag.push(id);
      continue;
    }
    const isCollaboration = relevant > notRelevant;
    const mixed = relevant > 0 && notRelevant > 0;
    records.push({
      id,
      title: flag.title,
      text: flag.evidence,
      url: flag.url,
      date: flag.publishedAt ? flag.publishedAt.slice(0, 10) : null,
      label: isCollaboration ? 'rd_collaboration' : 'not_rd_collaboration',
      event_type: isCollaboration ? flag.eventType : 'other',
      parties: flag.parties.map((p) => p.name),
      partner_types: flag.parties.map((p) => p.type),
      borderline: mixed,
      source: FEEDBACK_LABEL_SOURCE,
      feedback: { verdict: mixed ? 'mixed' : isCollaboration ? 'relevant' : 'not_relevant', subscribers: relevant + notRelevant, relevant, not_relevant: notRelevant },
      model_version: flag.modelVersion,
      confidence: flag.confidence,
    });
  }
  return { records, withoutFlag };
}

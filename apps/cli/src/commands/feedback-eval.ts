import { FEEDBACK_LABEL_SOURCE, feedbackLabelV1, type FeedbackLabelV1 } from '@pharma-radar/contracts';
import type { EvalReport } from '@pharma-radar/classifier-collaboration';

// A labelled file exported from subscriber feedback (the dashboard's /api/feedback.jsonl) holds only items that were
// flagged and alerted. On it, the share judged relevant is the precision subscribers saw, the current model's
// precision is what they would see now, and recall means nothing: a collaboration the flags missed never reached anyone.

export interface FeedbackItem {
  feedback: FeedbackLabelV1;
  borderline: boolean;
}

/** The feedback a raw line carries, or null when it is an ordinary labelled record. */
export function feedbackOf(value: unknown): FeedbackLabelV1 | null {
  if (typeof value !== 'object' || value === null) return null;
  const o = value as { source?: unknown; feedback?: unknown };
  if (o.source !== FEEDBACK_LABEL_SOURCE) return null;
  const parsed = feedbackLabelV1.safeParse(o.feedback);
  return parsed.success ? parsed.data : null;
}

export interface FeedbackSummary {
  items: number;
  verdicts: number;
  /** Items whose subscribers disagree: eval leaves them out of the flag metrics, and so does the precision here. */
  borderline: number;
  relevant: number;
  notRelevant: number;
}

export function summariseFeedback(items: readonly FeedbackItem[]): FeedbackSummary {
  const s: FeedbackSummary = { items: items.length, verdicts: 0, borderline: 0, relevant: 0, notRelevant: 0 };
  for (const { feedback, borderline } of items) {
    s.verdicts += feedback.subscribers;
    if (borderline || feedback.verdict === 'mixed') s.borderline++;
    else if (feedback.verdict === 'relevant') s.relevant++;
    else s.notRelevant++;
  }
  return s;
}

const f3 = (x: number) => x.toFixed(3);
const RECALL_AND_F1 = /^(\s*is_rd_collaboration\s+P \d\.\d{3}\s+)R \d\.\d{3}(\s+)F1 \d\.\d{3}/gm;

/** The report with the flag's recall and F1 shown as n/a: printed as numbers they would read as recall. */
export function withoutRecall(report: string): string {
  return report.replace(RECALL_AND_F1, (_m, head: string, gap: string) => `${head}R   n/a${gap}F1   n/a`);
}

/** The lines eval adds after the report of a feedback file. */
export function formatFeedbackLines(s: FeedbackSummary, report: EvalReport, model: string): string {
  const judged = s.relevant + s.notRelevant;
  const precision = judged === 0 ? 'n/a (no item without disagreement)' : f3(s.relevant / judged);
  const flagged = report.flag.tp + report.flag.fp;
  return [
    `subscriber feedback: ${s.items} flagged items judged, ${s.verdicts} subscriber verdicts; ${s.borderline} borderline (subscribers disagree), left out of the lines below`,
    `subscriber-judged precision of the flags at the time: relevant / (relevant + not relevant) = ${s.relevant} / (${s.relevant} + ${s.notRelevant}) = ${precision}`,
    `${model} on the same items: flags ${flagged} of them, P ${flagged === 0 ? 'n/a' : f3(report.flag.precision)} = the precision subscribers would see now; ` +
      `${report.flag.fn} judged relevant ${report.flag.fn === 1 ? 'is' : 'are'} no longer flagged`,
    'recall is not defined on feedback: every item was flagged when it was sent, so a collaboration the flags missed never reached a subscriber (R and F1 above read n/a)',
    'parties and deal type in this file are the flag\'s as sent, not judged by subscribers: those lines measure agreement with the model of the time; text is the evidence sentence only',
  ].join('\n') + '\n';
}

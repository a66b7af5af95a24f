import type { AlertModel } from '@pharma-radar/notifier-subscriptions';

// The generic webhook body. Its shape is a public contract with subscribers' systems:
// WARNING — a breaking change is a new `version` (and a new type here), never an edit in place.

export const WEBHOOK_ALERT_TYPE = 'pharma-radar.collaboration.alert' as const;
export const WEBHOOK_DIGEST_TYPE = 'pharma-radar.collaboration.digest' as const;

export interface WebhookAlertV1 {
  type: typeof WEBHOOK_ALERT_TYPE;
  version: 1;
  /** Stable per (subscriber, channel, collaboration): a receiver that sees it twice can drop the copy. */
  id: string;
  subscriberId: string;
  sentAt: string;
  alert: {
    collaborationId: string;
    revision: number;
    headline: string;
    title: string;
    dealType: AlertModel['eventType'];
    parties: AlertModel['parties'];
    therapeuticAreas: string[];
    money: { summary: string; terms: AlertModel['financialTerms'] };
    confidence: number;
    evidence: string;
    whyFlagged: string[];
    sources: AlertModel['sources'];
    publishedAt: string | null;
    ingestedAt: string;
  };
  feedback?: { relevant: string; notRelevant: string };
}

/** One period's alerts in one request (digest delivery mode). */
export interface WebhookDigestV1 {
  type: typeof WEBHOOK_DIGEST_TYPE;
  version: 1;
  id: string;
  subscriberId: string;
  sentAt: string;
  period: string;
  /** How many collaborations the period had; `alerts` may list fewer. */
  total: number;
  alerts: Array<WebhookAlertV1['alert']>;
}

export function webhookDigestV1(digest: { period: string; alerts: AlertModel[]; total: number }, meta: { id: string; subscriberId: string; sentAt: string }): WebhookDigestV1 {
  return {
    type: WEBHOOK_DIGEST_TYPE, version: 1, ...meta, period: digest.period, total: digest.total,
    alerts: digest.alerts.map((a) => webhookAlertV1(a, meta).alert),
  };
}

export function webhookAlertV1(alert: AlertModel, meta: { id: string; subscriberId: string; sentAt: string; feedback?: { relevant: string; not_relevant: string } }): WebhookAlertV1 {
  return {
    type: WEBHOOK_ALERT_TYPE,
    version: 1,
    id: meta.id,
    subscriberId: meta.subscriberId,
    sentAt: meta.sentAt,
    alert: {
      collaborationId: alert.collaborationId,
      revision: alert.revision,
      headline: alert.headline,
      title: alert.title,
      dealType: alert.eventType,
      parties: alert.parties,
      therapeuticAreas: alert.therapeuticAreas,
      money: { summary: alert.money, terms: alert.financialTerms },
      confidence: alert.confidence,
      evidence: alert.evidence,
      whyFlagged: alert.why,
      sources: alert.sources,
      publishedAt: alert.publishedAt,
      ingestedAt: alert.ingestedAt,
    },
    ...(meta.feedback ? { feedback: { relevant: meta.feedback.relevant, notRelevant: meta.feedback.not_relevant } } : {}),
  };
}

/**
 * JSON with every character that could end a <script> block, start an HTML tag or break a JavaScript
 * string literal written as \u escapes: a receiver that pastes the body into a page or a log viewer
 * gets inert text. JSON.parse reads it back unchanged.
 */
export function webhookJson(body: WebhookAlertV1 | WebhookDigestV1): string {
  return JSON.stringify(body).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

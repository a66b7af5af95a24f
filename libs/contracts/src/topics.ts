import { z } from 'zod';
import { articleClassifiedV1, ArticleClassifiedV1 } from './events/article-classified.v1';
import { articleIngestedV1, ArticleIngestedV1 } from './events/article-ingested.v1';
import { collaborationFlaggedV1, CollaborationFlaggedV1 } from './events/collaboration-flagged.v1';
import { deadLetterV1, DeadLetterV1 } from './events/dead-letter.v1';
import { deliveryDeadLetterV1, DeliveryDeadLetterV1 } from './events/delivery-dead-letter.v1';
import { deliveryRecordV1, DeliveryRecordV1 } from './events/delivery-record.v1';
import { feedbackRecordedV1, FeedbackRecordedV1 } from './events/feedback-recorded.v1';
import { opsEventV1, OpsEventV1 } from './events/ops-event.v1';

/*
 * WARNING: topic names are a wire contract. Renaming one is a migration (new topic, dual publish,
 * drain the old one), never an edit here. The version suffix follows the event version.
 */
export const Topics = {
  articlesIngested: 'pharma-radar.articles.ingested.v1',
  articlesClassified: 'pharma-radar.articles.classified.v1',
  collaborationsFlagged: 'pharma-radar.collaborations.flagged.v1',
  deadLetters: 'pharma-radar.dead-letters.v1',
  /** The notifier's ledger of deliveries: compacted, key = delivery key. */
  deliveries: 'pharma-radar.deliveries.v1',
  deliveryDeadLetters: 'pharma-radar.deliveries.dead-letters.v1',
  /** Compacted, key = subject (`channel:<subscriber>:<channel>`). */
  opsEvents: 'pharma-radar.ops-events.v1',
  /** Subscribers' relevant / not-relevant verdicts; key = `subscriber:collaboration`. */
  feedbackRecorded: 'pharma-radar.feedback.recorded.v1',
} as const;
export type TopicName = (typeof Topics)[keyof typeof Topics];

export interface TopicPayload {
  [Topics.articlesIngested]: ArticleIngestedV1;
  [Topics.articlesClassified]: ArticleClassifiedV1;
  [Topics.collaborationsFlagged]: CollaborationFlaggedV1;
  [Topics.deadLetters]: DeadLetterV1;
  [Topics.deliveries]: DeliveryRecordV1;
  [Topics.deliveryDeadLetters]: DeliveryDeadLetterV1;
  [Topics.opsEvents]: OpsEventV1;
  [Topics.feedbackRecorded]: FeedbackRecordedV1;
}

export interface TopicSpec<T extends TopicName = TopicName> {
  name: T;
  eventType: string;
  version: number;
  /** Validates the whole envelope; Kafka bytes are untrusted input. */
  schema: z.ZodType;
  partitions: number;
  retentionMs: number;
  /** Why this key: ordering where it matters, spread where it does not. */
  keyDoc: string;
  /** 'compact' keeps the latest record per key for good (state topics); default 'delete' (retentionMs). */
  cleanupPolicy?: 'delete' | 'compact';
}

const DAY = 24 * 60 * 60 * 1000;

export const TopicSpecs: { [T in TopicName]: TopicSpec<T> } = {
  [Topics.articlesIngested]: {
    name: Topics.articlesIngested, eventType: 'article.ingested', version: 1, schema: articleIngestedV1,
    partitions: 6, retentionMs: 14 * DAY, keyDoc: 'articleId: copies of one item land on one partition, items spread evenly',
  },
  [Topics.articlesClassified]: {
    name: Topics.articlesClassified, eventType: 'article.classified', version: 1, schema: articleClassifiedV1,
    partitions: 6, retentionMs: 30 * DAY, keyDoc: 'articleId: a re-classification follows the first one in order',
  },
  [Topics.collaborationsFlagged]: {
    name: Topics.collaborationsFlagged, eventType: 'collaboration.flagged', version: 1, schema: collaborationFlaggedV1,
    partitions: 3, retentionMs: 90 * DAY, keyDoc: 'collaborationId: revisions of one announcement stay ordered',
  },
  [Topics.deadLetters]: {
    name: Topics.deadLetters, eventType: 'dead-letter', version: 1, schema: deadLetterV1,
    partitions: 1, retentionMs: 30 * DAY, keyDoc: 'original topic: operators read dead letters in arrival order',
  },
  [Topics.deliveries]: {
    name: Topics.deliveries, eventType: 'delivery.record', version: 1, schema: deliveryRecordV1,
    // Compacted: retention does not apply; the latest record per key stays, so the ledger can be rebuilt.
    partitions: 3, retentionMs: 90 * DAY, cleanupPolicy: 'compact', keyDoc: 'delivery key: the states of one delivery stay ordered and compact to the last',
  },
  [Topics.deliveryDeadLetters]: {
    name: Topics.deliveryDeadLetters, eventType: 'delivery.dead-letter', version: 1, schema: deliveryDeadLetterV1,
    partitions: 1, retentionMs: 30 * DAY, keyDoc: 'delivery key: operators read dead deliveries in arrival order',
  },
  [Topics.opsEvents]: {
    name: Topics.opsEvents, eventType: 'ops.event', version: 1, schema: opsEventV1,
    partitions: 1, retentionMs: 90 * DAY, cleanupPolicy: 'compact', keyDoc: 'subject: the latest event per subject is its current state',
  },
  [Topics.feedbackRecorded]: {
    name: Topics.feedbackRecorded, eventType: 'feedback.recorded', version: 1, schema: feedbackRecordedV1,
    // Not compacted: the history of verdicts is the labelled data eval reads; a year covers the alerts asked about.
    partitions: 3, retentionMs: 365 * DAY, keyDoc: 'subscriber:collaboration: one subscriber\'s verdicts on one announcement stay ordered, the last wins',
  },
};

/*
 * WARNING: consumer group ids hold committed offsets. Renaming one re-reads or skips history.
 * They are used verbatim (no transport suffix) and asserted in a test.
 */
export const ConsumerGroups = {
  classifier: 'pharma-radar.classifier',
  notifier: 'pharma-radar.notifier',
  dashboardFlags: 'pharma-radar.dashboard.flags',
  dashboardClassified: 'pharma-radar.dashboard.classified',
  dashboardFeedback: 'pharma-radar.dashboard.feedback',
  /** Keeps each article's lead, so a flag's detail page can show its evidence sentence in place. */
  dashboardArticles: 'pharma-radar.dashboard.articles',
} as const;
export type ConsumerGroupId = (typeof ConsumerGroups)[keyof typeof ConsumerGroups];

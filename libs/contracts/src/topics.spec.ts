import { articleIngestedV1, articleIngestedV1Example } from './events/article-ingested.v1';
import { ConsumerGroups, Topics, TopicSpecs } from './topics';

describe('topic contracts', () => {
  it('should keep topic names and consumer group ids exactly as deployed', () => {
    // Changing any of these strings re-reads or skips history in production: a migration, not an edit.
    expect(Topics).toEqual({
      articlesIngested: 'pharma-radar.articles.ingested.v1',
      articlesClassified: 'pharma-radar.articles.classified.v1',
      collaborationsFlagged: 'pharma-radar.collaborations.flagged.v1',
      deadLetters: 'pharma-radar.dead-letters.v1',
      deliveries: 'pharma-radar.deliveries.v1',
      deliveryDeadLetters: 'pharma-radar.deliveries.dead-letters.v1',
      opsEvents: 'pharma-radar.ops-events.v1',
      feedbackRecorded: 'pharma-radar.feedback.recorded.v1',
    });
    expect(ConsumerGroups).toEqual({
      classifier: 'pharma-radar.classifier',
      notifier: 'pharma-radar.notifier',
      dashboardFlags: 'pharma-radar.dashboard.flags',
      dashboardClassified: 'pharma-radar.dashboard.classified',
      dashboardFeedback: 'pharma-radar.dashboard.feedback',
      dashboardArticles: 'pharma-radar.dashboard.articles',
    });
  });

  it('should declare a spec whose version matches the topic suffix for every topic', () => {
    for (const name of Object.values(Topics)) {
      const spec = TopicSpecs[name];
      expect(spec.name).toBe(name);
      expect(name.endsWith(`.v${spec.version}`)).toBe(true);
      expect(spec.partitions).toBeGreaterThan(0);
    }
  });

  it('should accept the documented example and reject an unknown version when validating an envelope', () => {
    const envelope = { id: 'e1', type: 'article.ingested', version: 1, occurredAt: '2026-12-01T00:00:00.000Z', correlationId: 'c', payload: articleIngestedV1Example };
    expect(articleIngestedV1.safeParse(envelope).success).toBe(true);
    expect(articleIngestedV1.safeParse({ ...envelope, version: 99 }).success).toBe(false);
    expect(articleIngestedV1.safeParse({ ...envelope, payload: { ...articleIngestedV1Example, publishedAt: 'yesterday' } }).success).toBe(false);
  });
});

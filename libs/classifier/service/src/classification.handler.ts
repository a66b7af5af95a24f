import { createHash } from 'node:crypto';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Classification, classificationSchema, ConsumerGroups, Topics } from '@pharma-radar/contracts';
import { classify, MODEL_VERSION } from '@pharma-radar/classifier-collaboration';
import { KEY_VALUE_STORE, KeyValueStore } from '@pharma-radar/platform-cache';
import { counter } from '@pharma-radar/platform-health';
import { getLogger } from '@pharma-radar/platform-logging';
import { EventOf, MESSAGE_BUS, MessageBus, OnTopic } from '@pharma-radar/platform-messaging';

const classified = counter('pharma_radar_classifier_articles_total', 'Articles classified by result', ['result', 'cache']);

const CACHE_TTL = 30 * 86_400;
/** Copies of one announcement (wire, trade press) arrive within days; later mentions are new news. */
const SYNDICATION_WINDOW = 7 * 86_400;

@Controller()
export class ClassificationHandler {
  private readonly log = getLogger(ClassificationHandler.name);

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
  ) {}

  @OnTopic(Topics.articlesIngested, ConsumerGroups.classifier)
  async onArticle(@Payload() event: EventOf<typeof Topics.articlesIngested>): Promise<void> {
    const a = event.payload;
    // Whatever flags a producer put on the wire are ignored: only the payload's text is classified.
    const { result, cached } = await this.classifyCached(a.contentHash, { title: a.title, text: a.text, url: a.url ?? undefined, source: a.feedTitle ?? undefined, published: a.publishedAt ?? undefined });
    classified.inc({ result: result.is_rd_collaboration ? 'collaboration' : 'other', cache: cached ? 'hit' : 'miss' });

    await this.bus.publish(
      Topics.articlesClassified,
      { articleId: a.articleId, feedId: a.feedId, url: a.url, title: a.title, source: a.feedTitle, publishedAt: a.publishedAt, ingestedAt: a.fetchedAt, contentHash: a.contentHash, classification: result },
      { key: a.articleId, id: `classified:${a.articleId}:${result.model_version}` },
    );
    if (!result.is_rd_collaboration) return;

    const { collaborationId, revision, redelivered } = await this.cluster(a.articleId, result);
    if (redelivered) return;
    await this.bus.publish(
      Topics.collaborationsFlagged,
      {
        collaborationId,
        revision,
        articleId: a.articleId,
        title: a.title,
        url: a.url,
        source: a.feedTitle,
        publishedAt: a.publishedAt,
        ingestedAt: a.fetchedAt,
        sources: [{ articleId: a.articleId, url: a.url, source: a.feedTitle, publishedAt: a.publishedAt }],
        classification: result,
      },
      { key: collaborationId, id: `flagged:${collaborationId}:${revision}` },
    );
    this.log.info('collaboration flagged', { articleId: a.articleId, collaborationId, revision, parties: result.parties.map((p) => p.name) });
  }

  private async classifyCached(contentHash: string, input: Parameters<typeof classify>[0]): Promise<{ result: Classification; cached: boolean }> {
    const key = `cls:${MODEL_VERSION}:${contentHash}`;
    const hit = await this.store.get(key);
    if (hit) {
      const parsed = classificationSchema.safeParse(JSON.parse(hit));
      if (parsed.success) return { result: parsed.data, cached: true };
    }
    const result = classify(input);
    await this.store.set(key, JSON.stringify(result), CACHE_TTL);
    return { result, cached: false };
  }

  /**
   * One event per announcement: the same set of parties within the window is the same deal.
   * A redelivered article (same articleId) gets its original answer and is not re-published.
   */
  private async cluster(articleId: string, result: Classification): Promise<{ collaborationId: string; revision: number; redelivered: boolean }> {
    const prior = await this.store.get(`flagged-article:${articleId}`);
    if (prior) return { ...(JSON.parse(prior) as { collaborationId: string; revision: number }), redelivered: true };
    const parties = result.parties.map((p) => p.name.toLowerCase()).sort().join('|') || `article:${articleId}`;
    const candidate = 'collab-' + createHash('sha256').update(`${parties}#${articleId}`).digest('hex').slice(0, 16);
    const partyKey = `synd:${createHash('sha256').update(parties).digest('hex').slice(0, 24)}`;
    const claimed = await this.store.setIfAbsent(partyKey, candidate, SYNDICATION_WINDOW);
    const collaborationId = claimed ? candidate : ((await this.store.get(partyKey)) ?? candidate);
    const revision = await this.store.incr(`rev:${collaborationId}`, SYNDICATION_WINDOW * 2);
    await this.store.set(`flagged-article:${articleId}`, JSON.stringify({ collaborationId, revision }), SYNDICATION_WINDOW * 2);
    return { collaborationId, revision, redelivered: false };
  }
}

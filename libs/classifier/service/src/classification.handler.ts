import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Classification, ConsumerGroups, Topics } from '@pharma-radar/contracts';
import { KEY_VALUE_STORE, KeyValueStore } from '@pharma-radar/platform-cache';
import { counter } from '@pharma-radar/platform-health';
import { getLogger } from '@pharma-radar/platform-logging';
import { EventOf, MESSAGE_BUS, MessageBus, OnTopic } from '@pharma-radar/platform-messaging';
import { ArticleClassifier } from './article-classifier';
import { SyndicationStore } from './syndication-store';

const classified = counter('pharma_radar_classifier_articles_total', 'Articles classified by result', ['result']);

/** Copies of one announcement (wire, trade press) arrive within days; later mentions are new news. */
const SYNDICATION_WINDOW = 7 * 86_400;

@Controller()
export class ClassificationHandler {
  private readonly log = getLogger(ClassificationHandler.name);
  private readonly syndication: SyndicationStore;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
    private readonly classifier: ArticleClassifier = new ArticleClassifier(),
  ) {
    this.syndication = new SyndicationStore(store, { windowDays: SYNDICATION_WINDOW / 86_400 });
  }

  @OnTopic(Topics.articlesIngested, ConsumerGroups.classifier)
  async onArticle(@Payload() event: EventOf<typeof Topics.articlesIngested>): Promise<void> {
    const a = event.payload;
    // Whatever flags a producer put on the wire are ignored: only the payload's text is classified.
    // Classified afresh every time, not cached: classify() is deterministic and takes about a millisecond, less than
    // the two Redis round trips a cache cost every article (and the 30 days of results it kept in Redis). It runs in a
    // worker thread when the module has a pool; a failure there throws (retried, then dead-lettered) before anything
    // is published, so the order below is the same either way.
    const result = await this.classifier.classify({ title: a.title, text: a.text, url: a.url ?? undefined, source: a.feedTitle ?? undefined, published: a.publishedAt ?? undefined });
    classified.inc({ result: result.is_rd_collaboration ? 'collaboration' : 'other' });

    const published = this.bus.publish(
      Topics.articlesClassified,
      { articleId: a.articleId, feedId: a.feedId, url: a.url, title: a.title, source: a.feedTitle, publishedAt: a.publishedAt, ingestedAt: a.fetchedAt, contentHash: a.contentHash, classification: result },
      { key: a.articleId, id: `classified:${a.articleId}:${result.model_version}` },
    );
    if (!result.is_rd_collaboration) return published;

    // The two topics are independent: cluster while the classification is on its way, and fail (retry) if either
    // fails, but only once both have settled, so a retry never races an add still running.
    const [sent, clustered] = await Promise.allSettled([published, this.cluster(a, result)]);
    if (sent.status === 'rejected') throw sent.reason;
    if (clustered.status === 'rejected') throw clustered.reason;
    const { collaborationId, revision, alerted } = clustered.value;
    if (alerted) return;
    // Until the flag is out, a retry re-publishes it with the recorded revision: the same event id, which the
    // notifier de-duplicates, so an alert is sent at least once and never twice.
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
    await this.store.set(flagKey(a.articleId), JSON.stringify({ collaborationId, revision, alerted: true } satisfies FlagRecord), FLAG_TTL);
    this.log.info('collaboration flagged', { articleId: a.articleId, collaborationId, revision, parties: result.parties.map((p) => p.name) });
  }

  /**
   * One event per announcement: near-duplicate text (MinHash) about the same parties within the
   * window joins an existing cluster. The article's cluster and revision are recorded before its flag is
   * published, so a redelivery (or a retry after a failed publish) gets its original answer and never a new
   * revision. The index lives in the shared store as small keys with a ttl (SyndicationStore), safe with
   * several replicas: concurrent copies converge on one cluster.
   */
  private async cluster(a: EventOf<typeof Topics.articlesIngested>['payload'], result: Classification): Promise<FlagRecord> {
    const prior = parseFlagRecord(await this.store.get(flagKey(a.articleId)));
    if (prior) return prior;
    const joined = await this.syndication.add({ id: a.articleId, title: a.title, text: a.text, parties: result.parties, published: a.publishedAt ?? a.fetchedAt, eventType: result.event_type });
    const collaborationId = `collab-${joined.clusterId}`;
    const revision = await this.store.incr(`rev:${collaborationId}`, FLAG_TTL);
    const flag: FlagRecord = { collaborationId, revision, alerted: false };
    await this.store.set(flagKey(a.articleId), JSON.stringify(flag), FLAG_TTL);
    if (!joined.isNew) this.log.info('syndicated copy joined', { articleId: a.articleId, collaborationId, matchedId: joined.matchedId, similarity: joined.similarity });
    return flag;
  }
}

/** What an article was flagged as; `alerted` once its collaborations.flagged event is on the bus. */
interface FlagRecord {
  collaborationId: string;
  revision: number;
  alerted: boolean;
}

const FLAG_TTL = SYNDICATION_WINDOW * 2;
const flagKey = (articleId: string) => `flagged-article:${articleId}`;

/**
 * A record written before `alerted` existed was set before its publish, so it counts as not alerted: the flag is
 * published again under its first event id. A corrupt record is absent.
 */
function parseFlagRecord(raw: string | null): FlagRecord | null {
  const v = parseJson(raw) as Partial<FlagRecord> | null;
  if (!v || typeof v !== 'object' || typeof v.collaborationId !== 'string' || typeof v.revision !== 'number') return null;
  return { collaborationId: v.collaborationId, revision: v.revision, alerted: v.alerted === true };
}

/** Store contents are untrusted too: a corrupt entry is treated as absent, never as a crash. */
function parseJson(raw: string | null): unknown {
  if (!raw) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

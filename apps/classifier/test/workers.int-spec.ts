import { Classification, ConsumerGroups, Topics } from '@pharma-radar/contracts';
import { classify } from '@pharma-radar/classifier-collaboration';
import { RedisStore } from '@pharma-radar/platform-cache';
import { RunningService, startService } from '@pharma-radar/platform-bootstrap';
import { KafkaBus } from '@pharma-radar/platform-messaging';
import { anArticle, expectEventually, infraFromEnv, uniquePrefix } from '@pharma-radar/testing';
import { ArticleClassifier, ClassifierModule } from '@pharma-radar/classifier-service';
import { loadConfig } from '../src/config';

const release = (a: string, b: string) =>
  `${a} has entered into a multi-year research collaboration with ${b} to identify genetic mutations that predict response to targeted therapies in lung cancer. ` +
  `Under the agreement, ${b} scientists will sequence tumour samples and ${a} will fund the work. Financial terms were not disclosed.`;

// The service as apps/classifier wires it (its config, KafkaBus, Redis, the Nest module), classifying in two worker threads.
describe('classifier service with worker threads (real broker and Redis)', () => {
  const prefix = uniquePrefix('classifier-workers');
  const env = infraFromEnv();
  const busFor = (name: string) => new KafkaBus({ brokers: env.kafkaBrokers, clientId: `${prefix}-${name}`, topicSuffix: `.${prefix}`, sessionTimeoutMs: 10_000 });
  let service: RunningService;
  const observer = busFor('observer');
  const classified = new Map<string, Classification>();
  const flags: Array<{ articleId: string; collaborationId: string; revision: number }> = [];

  beforeAll(async () => {
    service = await startService({
      name: 'classifier',
      modules: [ClassifierModule.forRoot(loadConfig({ CLASSIFIER_WORKERS: '2' }).classifier)],
      bus: busFor('classifier'),
      store: new RedisStore(env.redisUrl, `${prefix}:`),
      http: { port: 0, host: '127.0.0.1' },
      infra: { kafka: { brokers: env.kafkaBrokers, clientId: prefix }, redis: { url: env.redisUrl, keyPrefix: `${prefix}:` }, logLevel: 'silent', httpHost: '127.0.0.1' },
    });
    await observer.start();
    await observer.subscribe({ topic: Topics.articlesClassified, groupId: ConsumerGroups.dashboardClassified, handler: async (e) => void classified.set(e.payload.articleId, e.payload.classification) });
    await observer.subscribe({ topic: Topics.collaborationsFlagged, groupId: ConsumerGroups.notifier, handler: async (e) => void flags.push(e.payload) });
  }, 90_000);

  afterAll(async () => {
    await service?.close();
    await observer.stop();
  });

  it('should classify every article in its workers as the event loop would, and flag each collaboration once', async () => {
    expect(service.app.get(ArticleClassifier).workers).toBe(2);
    const articles = [
      ...['Institut Curie', 'Karolinska Institutet', 'the Broad Institute', 'Gustave Roussy'].map((b, i) =>
        anArticle().with({ articleId: `${prefix}-collab-${i}`, title: `Novartis teams up with ${b} on cancer genetics`, text: release('Novartis', b), contentHash: `${prefix}-c${i}` }).build()),
      ...Array.from({ length: 12 }, (_, i) =>
        anArticle().with({ articleId: `${prefix}-other-${i}`, title: `Pfizer reports quarter ${i} revenue`, text: `Pfizer reported quarterly revenue of $${10 + i}.1 billion and raised its guidance.`, contentHash: `${prefix}-o${i}` }).build()),
    ];
    await Promise.all(articles.map((a) => observer.publish(Topics.articlesIngested, a, { key: a.articleId })));

    await expectEventually(() => expect(classified.size).toBe(articles.length), { timeoutMs: 60_000 });
    for (const a of articles) expect(classified.get(a.articleId)).toEqual(classify({ title: a.title, text: a.text, url: a.url ?? undefined, source: a.feedTitle ?? undefined, published: a.publishedAt ?? undefined }));
    const collaborations = articles.filter((a) => classified.get(a.articleId)?.is_rd_collaboration).map((a) => a.articleId);
    expect(collaborations.length).toBeGreaterThan(0);
    await expectEventually(() => expect(flags.map((f) => f.articleId).sort()).toEqual(collaborations.sort()), { timeoutMs: 30_000 });
  });
});

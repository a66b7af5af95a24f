import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsumerGroups, Topics } from '@pharma-radar/contracts';
import { MemoryStore } from '@pharma-radar/platform-cache';
import { createEnvelope, InMemoryBus } from '@pharma-radar/platform-messaging';
import { anArticle } from '@pharma-radar/testing';
import { ArticleClassifier } from './article-classifier';
import { ClassificationHandler } from './classification.handler';

const release =
  'Novartis has entered into a multi-year research collaboration with the Netherlands Cancer Institute to identify genetic mutations that predict response to targeted therapies in lung cancer. ' +
  'Under the agreement, institute scientists will sequence tumour samples and Novartis will fund the work and use the biomarkers in its oncology trials. Financial terms were not disclosed.';

function flagsOf(bus: InMemoryBus) {
  return bus.records(Topics.collaborationsFlagged).map((r) => JSON.parse(r.value!.toString()).payload as { collaborationId: string; revision: number; articleId: string });
}

/** A bus whose first publish to `topic` fails, as a broker does when its retries run out. */
class FailingOnceBus extends InMemoryBus {
  constructor(private failing: string | null) {
    super();
  }

  override async publish(...args: Parameters<InMemoryBus['publish']>): Promise<void> {
    if (args[0] === this.failing) {
      this.failing = null;
      throw new Error('broker: NOT_LEADER (retries exhausted)');
    }
    return super.publish(...args);
  }
}

async function handle(h: ClassificationHandler, fields: Parameters<ReturnType<typeof anArticle>['with']>[0]) {
  const article = anArticle().with(fields).build();
  await h.onArticle(createEnvelope(Topics.articlesIngested, article));
}

describe('ClassificationHandler', () => {
  let bus: InMemoryBus;
  let store: MemoryStore;
  let handler: ClassificationHandler;
  beforeEach(() => {
    bus = new InMemoryBus();
    store = new MemoryStore();
    handler = new ClassificationHandler(bus, store);
  });

  it('should publish a classification for every article and a flag only for the collaboration', async () => {
    await handle(handler, { articleId: 'a1', title: 'Novartis teams up with the Netherlands Cancer Institute on cancer genetics', text: release, contentHash: 'h1' });
    await handle(handler, { articleId: 'a2', title: 'Pfizer reports third-quarter revenue of $14.1 billion', text: 'Pfizer reported quarterly revenue of $14.1 billion and raised its full-year guidance.', contentHash: 'h2' });
    expect(bus.records(Topics.articlesClassified)).toHaveLength(2);
    expect(flagsOf(bus).map((f) => f.articleId)).toEqual(['a1']);
  });

  it('should join a syndicated copy to the first event with a higher revision', async () => {
    await handle(handler, { articleId: 'wire', title: 'Novartis teams up with the Netherlands Cancer Institute on cancer genetics', text: release, contentHash: 'h1' });
    await handle(handler, { articleId: 'trade-press', feedId: 'other-feed', title: 'Novartis and Netherlands Cancer Institute sign research collaboration on cancer genetics', text: release.replace('multi-year ', ''), contentHash: 'h3' });
    const [first, copy] = flagsOf(bus);
    expect(copy.collaborationId).toBe(first.collaborationId);
    expect([first.revision, copy.revision]).toEqual([1, 2]);
  });

  it('should not publish a second flag when the same article is redelivered', async () => {
    const fields = { articleId: 'a1', title: 'Novartis teams up with the Netherlands Cancer Institute on cancer genetics', text: release, contentHash: 'h1' };
    await handle(handler, fields);
    await handle(handler, fields);
    expect(flagsOf(bus)).toHaveLength(1);
  });

  it.each([Topics.articlesClassified, Topics.collaborationsFlagged])('should flag the article exactly once, at revision 1, when the first publish to %s fails and the record is retried', async (topic) => {
    const failing = new FailingOnceBus(topic);
    const h = new ClassificationHandler(failing, store);
    const fields = { articleId: 'a1', title: 'Novartis teams up with the Netherlands Cancer Institute on cancer genetics', text: release, contentHash: 'h1' };
    await expect(handle(h, fields)).rejects.toThrow('NOT_LEADER');
    await handle(h, fields);
    await handle(h, fields);
    const flags = failing.records(Topics.collaborationsFlagged).map((r) => JSON.parse(r.value!.toString()) as { id: string; payload: { articleId: string; revision: number; collaborationId: string } });
    expect(flags.map((f) => [f.payload.articleId, f.payload.revision])).toEqual([['a1', 1]]);
    expect(flags[0].id).toBe(`flagged:${flags[0].payload.collaborationId}:1`);
  });

  it('should re-publish the flag under its first event id when the article was recorded but not yet alerted', async () => {
    // A record from before `alerted` existed: the flag may never have gone out.
    await store.set('flagged-article:a1', JSON.stringify({ collaborationId: 'collab-a0', revision: 3 }), 60);
    await handle(handler, { articleId: 'a1', title: 'Novartis teams up with the Netherlands Cancer Institute on cancer genetics', text: release, contentHash: 'h1' });
    expect(flagsOf(bus).map((f) => [f.collaborationId, f.revision])).toEqual([['collab-a0', 3]]);
  });
});

describe('ClassificationHandler with classification in worker threads', () => {
  const FLAKY = join(__dirname, 'test', 'flaky-classification.worker.ts');
  const collaboration = { title: 'Novartis teams up with the Netherlands Cancer Institute on cancer genetics', text: release };
  let classifier: ArticleClassifier | null = null;
  afterEach(async () => {
    await classifier?.onModuleDestroy();
    classifier = null;
  });

  const payloads = (bus: InMemoryBus, topic: typeof Topics.articlesClassified | typeof Topics.collaborationsFlagged) =>
    bus.records(topic).map((r) => { const e = JSON.parse(r.value!.toString()); return { id: e.id, key: r.key, payload: e.payload }; });

  it('should publish the same classified and flagged events, with the same ids, as classifying in the event loop', async () => {
    classifier = new ArticleClassifier({ workers: 2 });
    const [pooled, inLoop] = [new InMemoryBus(), new InMemoryBus()];
    const handlers = [new ClassificationHandler(pooled, new MemoryStore(), classifier), new ClassificationHandler(inLoop, new MemoryStore())];
    const items = [
      { articleId: 'a1', ...collaboration, contentHash: 'h1' },
      { articleId: 'a2', title: 'Pfizer reports third-quarter revenue of $14.1 billion', text: 'Pfizer reported quarterly revenue of $14.1 billion.', contentHash: 'h2' },
    ];
    for (const h of handlers) for (const item of items) await handle(h, item);
    for (const topic of [Topics.articlesClassified, Topics.collaborationsFlagged] as const) expect(payloads(pooled, topic)).toEqual(payloads(inLoop, topic));
    expect(flagsOf(pooled).map((f) => f.articleId)).toEqual(['a1']);
  });

  it('should publish nothing when the worker dies, then flag the redelivered article exactly once', async () => {
    classifier = new ArticleClassifier({ workers: 1, workerScript: FLAKY });
    const bus = new InMemoryBus();
    const h = new ClassificationHandler(bus, new MemoryStore(), classifier);
    const marker = join(mkdtempSync(join(tmpdir(), 'classifier-die-once-')), 'died');
    const fields = { articleId: 'a1', title: `${collaboration.title} [die-once:${marker}]`, text: release, contentHash: 'h1' };
    await expect(handle(h, fields)).rejects.toMatchObject({ name: 'AppError', reason: 'died', retryable: true });
    expect(bus.records(Topics.articlesClassified)).toHaveLength(0);
    await handle(h, fields);
    await handle(h, fields);
    expect(bus.records(Topics.articlesClassified)).toHaveLength(2);
    expect(flagsOf(bus).map((f) => [f.articleId, f.revision])).toEqual([['a1', 1]]);
  });

  it('should retry a record whose worker died and dead-letter one whose classification always fails, without holding the records behind them', async () => {
    classifier = new ArticleClassifier({ workers: 1, workerScript: FLAKY });
    const outcomes: string[] = [];
    const bus = new InMemoryBus({ retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 }, onOutcome: (o) => outcomes.push(o.status === 'handled' ? `handled after ${o.attempts}` : `${o.status} ${o.code}`) });
    const h = new ClassificationHandler(bus, new MemoryStore(), classifier);
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: ConsumerGroups.classifier, handler: (e) => h.onArticle(e) });
    const marker = join(mkdtempSync(join(tmpdir(), 'classifier-die-once-')), 'died');
    const article = (articleId: string, title: string) => anArticle().with({ articleId, title, text: release, contentHash: articleId }).build();
    await bus.publish(Topics.articlesIngested, article('crash-once', `${collaboration.title} [die-once:${marker}]`), { key: 'crash-once' });
    await bus.publish(Topics.articlesIngested, article('always-throws', `${collaboration.title} [throw]`), { key: 'always-throws' });
    await bus.publish(Topics.articlesIngested, article('fine', collaboration.title), { key: 'fine' });
    await bus.drained();
    expect(outcomes).toEqual(['handled after 2', 'dead-lettered HANDLER_FAILED', 'handled after 1']);
    const dead = bus.records(Topics.deadLetters).map((r) => JSON.parse(r.value!.toString()).payload as { key: string; errorMessage: string; attempts: number });
    expect(dead).toMatchObject([{ key: 'always-throws', errorMessage: 'classification failed (classify() threw): no rule for this article', attempts: 3 }]);
    expect(payloads(bus, Topics.articlesClassified).map((p) => p.key)).toEqual(['crash-once', 'fine']);
  });
});

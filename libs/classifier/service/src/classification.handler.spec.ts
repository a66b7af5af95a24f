import { Topics } from '@pharma-radar/contracts';
import { MODEL_VERSION } from '@pharma-radar/classifier-collaboration';
import { MemoryStore } from '@pharma-radar/platform-cache';
import { createEnvelope, InMemoryBus } from '@pharma-radar/platform-messaging';
import { anArticle } from '@pharma-radar/testing';
import { ClassificationHandler } from './classification.handler';

const release =
  'Novartis has entered into a multi-year research collaboration with the Netherlands Cancer Institute to identify genetic mutations that predict response to targeted therapies in lung cancer. ' +
  'Under the agreement, institute scientists will sequence tumour samples and Novartis will fund the work and use the biomarkers in its oncology trials. Financial terms were not disclosed.';

function flagsOf(bus: InMemoryBus) {
  return bus.records(Topics.collaborationsFlagged).map((r) => JSON.parse(r.value!.toString()).payload as { collaborationId: string; revision: number; articleId: string });
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

  it('should classify afresh when the cached result is corrupt', async () => {
    await store.set(`cls:${MODEL_VERSION}:h1`, '{not json', 60);
    await handle(handler, { articleId: 'a1', title: 'Novartis teams up with the Netherlands Cancer Institute on cancer genetics', text: release, contentHash: 'h1' });
    expect(flagsOf(bus)).toHaveLength(1);
  });
});

import { Topics } from '@pharma-radar/contracts';
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

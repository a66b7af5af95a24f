import { Classification, Topics } from '@pharma-radar/contracts';
import { InMemoryBus } from '@pharma-radar/platform-messaging';
import { anArticle } from '@pharma-radar/testing';
import { ClassificationHandler } from './classification.handler';
import { MemoryStore } from '@pharma-radar/platform-cache';
import { runBacktest } from './backtest';

const collab = 'Novartis has entered into a research collaboration with the Netherlands Cancer Institute to identify genetic mutations in lung cancer patients. Financial terms were not disclosed.';

describe('runBacktest', () => {
  it('should report what a new model would change without publishing anything', async () => {
    const bus = new InMemoryBus();
    const handler = new ClassificationHandler(bus, new MemoryStore());
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: 'pharma-radar.classifier', handler: (e) => handler.onArticle(e) });
    await bus.publish(Topics.articlesIngested, anArticle().with({ articleId: 'a1', title: 'Novartis teams up with the Netherlands Cancer Institute', text: collab, contentHash: 'h1' }).build(), { key: 'a1' });
    await bus.publish(Topics.articlesIngested, anArticle().with({ articleId: 'a2', title: 'Pfizer quarterly revenue rises', text: 'Pfizer reported revenue of $14 billion.', contentHash: 'h2' }).build(), { key: 'a2' });
    await bus.drained();
    const published = bus.records(Topics.collaborationsFlagged).length;

    // A stricter "model" that flags nothing, and one that flags everything.
    const none = (): Classification => ({ ...handlerless(), is_rd_collaboration: false, event_type: 'other' });
    const report = await runBacktest(bus, {}, none);
    expect(report).toMatchObject({ articles: 2, previouslyClassified: 2, flaggedBefore: 1, flaggedAfter: 0 });
    expect(report.changes.map((c) => [c.articleId, c.kind])).toEqual([['a1', 'dropped_flag']]);

    const all = (): Classification => ({ ...handlerless(), is_rd_collaboration: true, event_type: 'research_collaboration' });
    const report2 = await runBacktest(bus, {}, all);
    expect(report2.changes.map((c) => [c.articleId, c.kind])).toEqual([['a1', 'parties'], ['a2', 'new_flag']]);

    expect(bus.records(Topics.collaborationsFlagged)).toHaveLength(published);
  });
});

function handlerless(): Classification {
  return { is_rd_collaboration: false, event_type: 'other', parties: [], therapeutic_areas: [], modalities: [], geographies: [], financial_terms: null, confidence: 0.5, evidence: '', model_version: 'test' };
}

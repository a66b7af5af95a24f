import { articleIngestedV1Example, ConsumerGroups, DeadLetterV1, Topics } from '@pharma-radar/contracts';
import { InMemoryBus } from './in-memory-bus';

describe('InMemoryBus', () => {
  it('should deliver to each group once and keep going when a poison record precedes a valid one', async () => {
    const bus = new InMemoryBus({ retry: { maxAttempts: 1 } });
    await bus.start();
    const a: string[] = [];
    const b: string[] = [];
    const dead: DeadLetterV1[] = [];
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: ConsumerGroups.classifier, handler: async (e) => void a.push(e.payload.articleId) });
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: ConsumerGroups.dashboardClassified, handler: async (e) => void b.push(e.payload.articleId) });
    await bus.subscribe({ topic: Topics.deadLetters, groupId: ConsumerGroups.dashboardFlags, handler: async (e) => void dead.push(e.payload) });

    await bus.publishRaw(Topics.articlesIngested, Buffer.from('{"bad":'), { key: 'x' });
    await bus.publish(Topics.articlesIngested, articleIngestedV1Example, { key: 'k1' });
    await bus.drained();

    expect(a).toEqual([articleIngestedV1Example.articleId]);
    expect(b).toEqual([articleIngestedV1Example.articleId]);
    expect(dead.map((d) => d.errorCode)).toEqual(['MESSAGE_NOT_JSON', 'MESSAGE_NOT_JSON']);
  });

  it('should deliver records published before a group subscribed when it joins late', async () => {
    const bus = new InMemoryBus();
    await bus.publish(Topics.articlesIngested, articleIngestedV1Example, { key: 'k1' });
    const seen: string[] = [];
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: ConsumerGroups.classifier, handler: async (e) => void seen.push(e.correlationId) });
    await bus.drained();
    expect(seen).toHaveLength(1);
  });

  it('should let the record in hand finish and publish, then hand out no more, when consuming stops', async () => {
    const bus = new InMemoryBus();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const seen: string[] = [];
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: ConsumerGroups.classifier, handler: async (e) => {
      await gate;
      // A handler still publishes while consumers drain: the producer side shuts down last.
      await bus.publish(Topics.deadLetters, { originalTopic: 'x', partition: null, offset: null, key: null, consumerGroup: 'g', errorCode: 'HANDLER_FAILED', errorMessage: '', attempts: 1, valueBase64: null, headers: {}, failedAt: new Date().toISOString() }, { key: 'x' });
      seen.push(e.correlationId);
    } });
    await bus.publish(Topics.articlesIngested, articleIngestedV1Example, { key: 'k1', correlationId: 'first' });
    await bus.publish(Topics.articlesIngested, articleIngestedV1Example, { key: 'k1', correlationId: 'second' });
    const stopping = bus.stopConsuming();
    release();
    await stopping;
    expect(seen).toEqual(['first']);
    expect(bus.records(Topics.deadLetters)).toHaveLength(1);
  });

  it('should refuse a second subscription of one group to one topic', async () => {
    const bus = new InMemoryBus();
    const sub = { topic: Topics.articlesIngested, groupId: ConsumerGroups.classifier, handler: async () => undefined } as const;
    await bus.subscribe(sub);
    await expect(bus.subscribe(sub)).rejects.toThrow(/already subscribed/);
  });
});

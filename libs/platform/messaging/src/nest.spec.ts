import 'reflect-metadata';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { AppError, articleIngestedV1Example, ConsumerGroups, DeadLetterV1, ErrorCode, Topics } from '@pharma-radar/contracts';
import { EventOf } from './bus';
import { InMemoryBus } from './in-memory-bus';
import { BusTransport, MessagingModule, OnTopic } from './nest';

type Ingested = EventOf<typeof Topics.articlesIngested>;
const calls: string[] = [];

// Three handlers of one pattern, in two controllers, each under its own group.
@Controller()
class FirstController {
  @OnTopic(Topics.articlesIngested, ConsumerGroups.classifier)
  async one(@Payload() e: Ingested): Promise<void> {
    if (e.payload.title === 'app-error') throw new AppError(ErrorCode.DeliveryRejected, 'recipient refused: 550 no such user', false);
    if (e.payload.title === 'plain-error') throw new Error('redis down');
    calls.push(`one:${e.payload.articleId}`);
  }

  @OnTopic(Topics.articlesIngested, ConsumerGroups.dashboardClassified)
  async two(@Payload() e: Ingested): Promise<void> {
    if (e.payload.title.endsWith('-error')) return;
    calls.push(`two:${e.payload.articleId}`);
  }
}

@Controller()
class SecondController {
  @OnTopic(Topics.articlesIngested, ConsumerGroups.dashboardFlags)
  async three(@Payload() e: Ingested): Promise<void> {
    if (e.payload.title.endsWith('-error')) return;
    calls.push(`three:${e.payload.articleId}`);
  }
}

describe('BusTransport', () => {
  let bus: InMemoryBus;
  let app: INestMicroservice;
  const dead: DeadLetterV1[] = [];

  beforeAll(async () => {
    bus = new InMemoryBus({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    @Module({ imports: [MessagingModule.forRoot(bus)], controllers: [FirstController, SecondController] })
    class TestModule {}
    app = await NestFactory.createMicroservice(TestModule, { strategy: new BusTransport(bus), logger: false });
    await app.listen();
    await bus.subscribe({ topic: Topics.deadLetters, groupId: ConsumerGroups.notifier, handler: async (e) => void dead.push(e.payload) });
  });

  afterAll(() => app.close());

  beforeEach(() => {
    calls.length = 0;
    dead.length = 0;
  });

  it('should run each of N handlers of one pattern exactly once per message', async () => {
    for (const id of ['a', 'b', 'c']) await bus.publish(Topics.articlesIngested, { ...articleIngestedV1Example, articleId: id }, { key: id });
    await bus.drained();
    const expected = ['a', 'b', 'c'].flatMap((id) => [`one:${id}`, `two:${id}`, `three:${id}`]);
    expect([...calls].sort()).toEqual(expected.sort());
  });

  it('should dead-letter with the AppError code and message when a handler throws one', async () => {
    await bus.publish(Topics.articlesIngested, { ...articleIngestedV1Example, title: 'app-error' }, { key: 'x' });
    await bus.drained();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      errorCode: ErrorCode.DeliveryRejected,
      errorMessage: 'recipient refused: 550 no such user',
      attempts: 1,
      consumerGroup: ConsumerGroups.classifier,
    });
  });

  it('should dead-letter with the error message after the retries when a handler throws a plain error', async () => {
    await bus.publish(Topics.articlesIngested, { ...articleIngestedV1Example, title: 'plain-error' }, { key: 'x' });
    await bus.drained();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ errorCode: ErrorCode.HandlerFailed, errorMessage: 'redis down', attempts: 2 });
  });
});

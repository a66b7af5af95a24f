import 'reflect-metadata';
import { createServer } from 'node:net';
import { Controller, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { articleIngestedV1Example, ConsumerGroupId, ConsumerGroups, Topics } from '@pharma-radar/contracts';
import { expectEventually, infraFromEnv, uniquePrefix } from '@pharma-radar/testing';
import { KafkaBus } from './kafka-bus';
import { BusTransport, MessagingModule, OnTopic } from './nest';

/** A port on 127.0.0.1 where nothing listens: a broker that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('KafkaBus readiness (real broker)', () => {
  const suffix = `.${uniquePrefix('bus-health')}`;
  const brokers = infraFromEnv().kafkaBrokers;
  let bus: KafkaBus | undefined;

  afterEach(async () => {
    await bus?.stop();
    bus = undefined;
  });

  it('should be ready with no consumers (a producer-only service such as ingest) while the broker answers', async () => {
    bus = new KafkaBus({ brokers, clientId: 'bus-health-producer', topicSuffix: suffix });
    await bus.start();
    expect(await bus.health()).toEqual({ ok: true, kind: 'kafka' });
  }, 60_000);

  it('should be ready again after a consumer crashed and rejoined', async () => {
    let failNext = true;
    const handled: string[] = [];
    bus = new KafkaBus({
      brokers, clientId: 'bus-health-crash', topicSuffix: suffix, sessionTimeoutMs: 10_000, consumerRetries: 0,
      // Thrown out of the consume loop once, as a dead-letter write that fails does: kafkajs crashes the consumer.
      onOutcome: () => {
        if (!failNext) return;
        failNext = false;
        throw new Error('injected crash');
      },
    });
    await bus.start();
    await bus.subscribe({ topic: Topics.articlesIngested, groupId: uniquePrefix('bus-health-crash') as ConsumerGroupId, handler: async (e) => void handled.push(e.payload.articleId) });
    await bus.publish(Topics.articlesIngested, { ...articleIngestedV1Example, articleId: 'crash-me' }, { key: 'k' });

    // Handled twice: the first outcome threw, nothing was committed, and the restarted consumer got the record again.
    await expectEventually(() => expect(handled).toEqual(['crash-me', 'crash-me']), { timeoutMs: 40_000 });
    await expectEventually(async () => expect(await bus!.health()).toEqual({ ok: true, kind: 'kafka' }), { timeoutMs: 20_000 });
  }, 90_000);
});

@Controller()
class Waiting {
  @OnTopic(Topics.articlesIngested, ConsumerGroups.classifier)
  async on(): Promise<void> {}
}

describe('A service whose broker is down at boot', () => {
  let app: INestApplicationContext | undefined;

  afterAll(() => app?.close());

  it('should finish booting, stay up and report not ready instead of failing', async () => {
    const bus = new KafkaBus({ brokers: [`127.0.0.1:${await closedPort()}`], clientId: 'bus-health-down', clientRetries: 0 });
    @Module({ imports: [MessagingModule.forRoot(bus, { bootWaitMs: 200, retryDelayMs: 50 })], controllers: [Waiting] })
    class DownModule {}
    app = await NestFactory.create(DownModule, { logger: false });
    (app as unknown as { connectMicroservice: (o: unknown) => void }).connectMicroservice({ strategy: new BusTransport(bus) });
    await app.init();
    await (app as unknown as { startAllMicroservices: () => Promise<void> }).startAllMicroservices();

    const health = await bus.health();
    expect(health.ok).toBe(false);
    expect(health.detail).toContain(`${ConsumerGroups.classifier} ${Topics.articlesIngested}: waiting for the broker`);
  }, 30_000);
});

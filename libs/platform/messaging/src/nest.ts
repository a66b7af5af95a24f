import { BeforeApplicationShutdown, DynamicModule, Global, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { BaseRpcContext, CustomTransportStrategy, EventPattern, MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { ConsumerGroupId, TopicName } from '@pharma-radar/contracts';
import { MESSAGE_BUS, MessageBus, RecordContext } from './bus';

/** `@OnTopic(Topics.x, ConsumerGroups.y)`: an event handler bound to one topic and one explicit group id. */
export const OnTopic = (topic: TopicName, groupId: ConsumerGroupId): MethodDecorator => EventPattern(topic, { groupId });

export class BusContext extends BaseRpcContext<[RecordContext]> {
  get record(): RecordContext {
    return this.args[0];
  }
}

/**
 * A @nestjs/microservices transport over our MessageBus instead of Nest's built-in ServerKafka:
 * group ids stay exactly as declared, and a throwing handler goes through our retry → dead-letter
 * → commit path instead of leaving the partition stuck (nest#14664).
 */
export class BusTransport extends Server implements CustomTransportStrategy {
  constructor(private readonly bus: MessageBus) {
    super();
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      for (const [pattern, first] of this.messageHandlers) {
        // Nest chains event handlers of one pattern through `next`; each keeps its own group id.
        for (let h: MessageHandler | undefined = first; h; h = h.next) {
          const handler = h;
          const groupId = handler.extras?.groupId as ConsumerGroupId | undefined;
          if (!groupId) throw new Error(`handler for ${pattern} has no consumer group; use @OnTopic(topic, group)`);
          await this.bus.subscribe({
            topic: pattern as TopicName,
            groupId,
            handler: async (event, ctx) => {
              const result = await handler(event, new BusContext([ctx]));
              await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
            },
          });
        }
      }
      callback();
    } catch (err) {
      callback(err);
    }
  }

  // The bus belongs to MessagingModule, which stops it after the last handler has finished.
  close(): void {}

  on(): never {
    throw new Error('BusTransport has no transport events; use the bus health instead');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }
}

@Global()
@Module({})
export class MessagingModule implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  static forRoot(bus: MessageBus): DynamicModule {
    return { module: MessagingModule, providers: [{ provide: MESSAGE_BUS, useValue: bus }], exports: [MESSAGE_BUS] };
  }

  async onModuleInit(): Promise<void> {
    await this.bus.start();
  }

  // Nest runs every beforeApplicationShutdown before any onApplicationShutdown: consumers drain
  // while the store and other adapters are still open, and the producer goes last.
  async beforeApplicationShutdown(): Promise<void> {
    await this.bus.stopConsuming();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.stop();
  }
}

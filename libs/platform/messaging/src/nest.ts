import { applyDecorators, BeforeApplicationShutdown, Catch, DynamicModule, Global, Inject, Module, OnApplicationShutdown, OnModuleInit, RpcExceptionFilter, UseFilters } from '@nestjs/common';
import { BaseRpcContext, CustomTransportStrategy, EventPattern, MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom, Observable, throwError } from 'rxjs';
import type { ConsumerGroupId, TopicName } from '@pharma-radar/contracts';
import { getLogger } from '@pharma-radar/platform-logging';
import { MESSAGE_BUS, MessageBus, RecordContext } from './bus';

/**
 * Hands a handler's error on unchanged. Nest's default RPC filter replaces every error that is not an
 * RpcException with `{ status: 'error', message: 'Internal server error' }`, so processRecord saw
 * no AppError (no code, no retryable flag) and dead letters read HANDLER_FAILED / "[object Object]".
 * Bound per method by @OnTopic, so HTTP routes keep Nest's own filters.
 */
@Catch()
export class KeepHandlerErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/** `@OnTopic(Topics.x, ConsumerGroups.y)`: an event handler bound to one topic and one explicit group id. */
export const OnTopic = (topic: TopicName, groupId: ConsumerGroupId): MethodDecorator =>
  applyDecorators(EventPattern(topic, { groupId }), UseFilters(KeepHandlerErrorFilter));

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
      for (const [pattern, handlers] of unchainHandlers(this.messageHandlers)) {
        for (const handler of handlers) {
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

/**
 * Server.addHandler links the event handlers of one pattern through `next`, and Nest's wrapper of a
 * handler calls `next` itself after the handler (ListenersController.forkJoinHandlersIfAttached):
 * calling the head runs the whole chain. Each handler has its own consumer group here, so the chain
 * is cut and each is subscribed alone; otherwise the head's group also runs every later handler
 * (the dashboard handled each flag twice, once under the notifier's group).
 */
export function unchainHandlers(handlers: Map<string, MessageHandler>): Map<string, MessageHandler[]> {
  const out = new Map<string, MessageHandler[]>();
  for (const [pattern, first] of handlers) {
    const list: MessageHandler[] = [];
    for (let h: MessageHandler | undefined = first; h; h = h.next) list.push(h);
    for (const h of list) h.next = undefined;
    out.set(pattern, list);
  }
  return out;
}

export interface MessagingOptions {
  /**
   * How long boot waits for the first connection. After that the service starts anyway (liveness up,
   * readiness down) and keeps connecting in the background: an exit would only restart into the
   * same unreachable broker, a crash loop.
   */
  bootWaitMs?: number;
  /** First pause between connection attempts after boot; it doubles up to 30 s. */
  retryDelayMs?: number;
}

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
const log = getLogger('MessagingModule');

@Global()
@Module({})
export class MessagingModule implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private shuttingDown = false;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  static forRoot(bus: MessageBus, options: MessagingOptions = {}): DynamicModule {
    return {
      module: MessagingModule,
      providers: [{ provide: MESSAGE_BUS, useValue: bus }, { provide: MESSAGING_OPTIONS, useValue: options }],
      exports: [MESSAGE_BUS],
    };
  }

  async onModuleInit(): Promise<void> {
    const first = this.bus.start();
    if (await settlesWithin(first, this.options.bootWaitMs ?? 10_000)) return;
    log.warn('message broker not reachable at boot; starting anyway and connecting in the background');
    void this.keepStarting(first);
  }

  private async keepStarting(attempt: Promise<void>): Promise<void> {
    for (let failures = 0; !this.shuttingDown; failures++) {
      try {
        await attempt;
        log.info('message broker connected', { attempts: failures + 1 });
        return;
      } catch (err) {
        log.warn('message broker connection failed; retrying', { attempt: failures + 1, err });
      }
      await new Promise((r) => setTimeout(r, Math.min(30_000, (this.options.retryDelayMs ?? 1_000) * 2 ** Math.min(failures, 10))));
      if (this.shuttingDown) return;
      attempt = this.bus.start();
    }
  }

  // Nest runs every beforeApplicationShutdown before any onApplicationShutdown: consumers drain
  // while the store and other adapters are still open, and the producer goes last.
  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    await this.bus.stopConsuming();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.stop();
  }
}

/** True when the promise resolved within ms; false when it rejected or is still pending (it is not cancelled). */
async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)));
  try {
    return await Promise.race([promise.then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

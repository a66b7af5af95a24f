import 'reflect-metadata';
import { DynamicModule, INestApplication, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { InfraConfig } from '@pharma-radar/platform-config';
import { createStore, KeyValueStore, StoreModule } from '@pharma-radar/platform-cache';
import { HealthModule, HealthRegistry } from '@pharma-radar/platform-health';
import { configureLogging, getLogger, LogLevel, NestLoggerAdapter } from '@pharma-radar/platform-logging';
import { BusTransport, createBus, MessageBus, MessagingModule } from '@pharma-radar/platform-messaging';

export interface ServiceOptions {
  name: string;
  modules: Array<DynamicModule | Type<unknown>>;
  infra: InfraConfig;
  http: { port: number; host: string };
  /** Injected by tests and the all-in-one process; otherwise built from `infra`. */
  bus?: MessageBus;
  store?: KeyValueStore;
  /** Test runs isolate Kafka topics with a suffix. */
  topicSuffix?: string;
}

export interface RunningService {
  app: INestApplication;
  bus: MessageBus;
  store: KeyValueStore;
  url: string;
  close(): Promise<void>;
}

/**
 * The one composition root every app uses: bus + store + health/metrics + the service modules,
 * event handlers on our bus transport, HTTP for health, metrics and APIs. Order matters: the bus
 * starts (topics exist, producer connected) before any handler subscribes or any poller publishes.
 */
export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const log = getLogger('Bootstrap');
  const bus = opts.bus ?? createBus(opts.infra, opts.name, { topicSuffix: opts.topicSuffix });
  const store = opts.store ?? createStore(opts.infra);

  @Module({ imports: [MessagingModule.forRoot(bus), StoreModule.forRoot(store), HealthModule, ...opts.modules] })
  class RootModule {}

  const app = await NestFactory.create(RootModule, { logger: new NestLoggerAdapter(), abortOnError: false });
  app.enableShutdownHooks();
  const health = app.get(HealthRegistry);
  health.register('bus', () => bus.health());
  health.register('store', async () => ({ ok: await store.ping(), detail: store.kind }));

  app.connectMicroservice({ strategy: new BusTransport(bus) }, { inheritAppConfig: true });
  await app.init();
  await app.startAllMicroservices();
  await app.listen(opts.http.port, opts.http.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : opts.http.port;
  const url = `http://${opts.http.host === '0.0.0.0' ? '127.0.0.1' : opts.http.host}:${port}`;
  log.info('service started', { name: opts.name, url, bus: bus.kind, store: store.kind });
  return { app, bus, store, url, close: () => app.close() };
}

/**
 * Process entry for one service: configure logging, validate config (fail fast with every problem
 * listed), start, and stop cleanly on SIGTERM/SIGINT.
 */
export function runMain(name: string, build: () => Promise<Omit<ServiceOptions, 'name'>>): void {
  configureLogging({ service: name, level: (process.env.LOG_LEVEL as LogLevel) || 'info' });
  const log = getLogger('Main');
  build()
    .then((opts) => startService({ name, ...opts }))
    .then((svc) => {
      const stop = (signal: string) => {
        log.info('stopping', { signal });
        svc.close().then(() => process.exit(0), () => process.exit(1));
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    })
    .catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      log.error('failed to start', { code: (err as { code?: string }).code, reason: message });
      process.stderr.write(`${name}: ${message}\n`);
      setTimeout(() => process.exit(1), 100);
    });
}

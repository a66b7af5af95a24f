import 'reflect-metadata';
import type { Server } from 'node:http';
import { DynamicModule, INestApplication, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { InfraConfig } from '@pharma-radar/platform-config';
import { createStore, KeyValueStore, StoreModule } from '@pharma-radar/platform-cache';
import { BootGate, HealthCheck, HealthModule, HealthRegistry } from '@pharma-radar/platform-health';
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
  /**
   * Aborted (SIGTERM) while the service still waits for Kafka or Redis: it stops at once with StoppedWhileStarting.
   * Nothing has started then, so there is nothing to drain, and a connection attempt in flight can take a minute.
   */
  stopSignal?: AbortSignal;
  /** Readiness checks of the app's own, beside the bus's and the store's (ingest: most feeds failing). */
  checks?: (deps: { bus: MessageBus; store: KeyValueStore }) => Record<string, HealthCheck>;
}

export interface RunningService {
  app: INestApplication;
  bus: MessageBus;
  store: KeyValueStore;
  url: string;
  close(): Promise<void>;
}

/** Pause after the n-th failed attempt to reach a dependency: 1 s doubling to 30 s, for as long as it takes. */
export function reconnectDelayMs(failures: number, firstMs = 1_000): number {
  return Math.min(30_000, firstMs * 2 ** Math.min(failures - 1, 10));
}

/**
 * The one composition root every app uses: bus + store + health/metrics + the service modules,
 * event handlers on our bus transport, HTTP for health, metrics and APIs. Order matters:
 * 1. HTTP listens first, behind a BootGate: liveness answers at once, readiness says what it waits for.
 * 2. The bus (topics exist, producer connected) and the store are reached, retried with backoff for as long as it
 *    takes. A service that exited instead would only restart into the same unreachable broker: a crash loop.
 * 3. Only then do the modules start (a notifier reads its ledger back from Kafka at init), handlers subscribe and
 *    pollers publish; the gate opens and Nest's own routes answer.
 */
export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const log = getLogger('Bootstrap');
  const bus = opts.bus ?? createBus(opts.infra, opts.name, { topicSuffix: opts.topicSuffix });
  const store = opts.store ?? createStore(opts.infra);

  @Module({ imports: [MessagingModule.forRoot(bus), StoreModule.forRoot(store), HealthModule, ...opts.modules] })
  class RootModule {}

  // rawBody keeps a JSON request's bytes beside the parsed body: a WebSub hub signs the exact bytes it pushes.
  const app = await NestFactory.create(RootModule, { logger: new NestLoggerAdapter(), abortOnError: false, rawBody: true });
  const gate = new BootGate(['bus', 'store']);
  app.use(gate.middleware());
  const url = await listen(app, opts.http);
  log.info('listening; connecting to the bus and the store', { name: opts.name, url, bus: bus.kind, store: store.kind });

  try {
    await Promise.all([
      untilReachable('bus', describeBus(opts.infra, bus), () => bus.start(), gate, opts.stopSignal),
      untilReachable('store', store.kind, async () => {
        if (!(await store.ping())) throw new Error('no answer to PING');
      }, gate, opts.stopSignal),
    ]);
  } catch (err) {
    await new Promise((r) => app.getHttpServer().close(r));
    throw err;
  }
  // Only now: Nest's own SIGTERM handling drains consumers and closes adapters, which assumes they were started.
  app.enableShutdownHooks();

  const health = app.get(HealthRegistry);
  health.register('bus', () => bus.health());
  health.register('store', async () => {
    const ok = await store.ping();
    return { ok, detail: ok ? store.kind : `${store.kind} did not answer PING` };
  });
  for (const [name, check] of Object.entries(opts.checks?.({ bus, store }) ?? {})) health.register(name, check);

  app.connectMicroservice({ strategy: new BusTransport(bus) }, { inheritAppConfig: true });
  await app.init();
  await app.startAllMicroservices();
  gate.open();
  log.info('service started', { name: opts.name, url, bus: bus.kind, store: store.kind });
  return { app, bus, store, url, close: () => app.close() };
}

async function listen(app: INestApplication, http: { port: number; host: string }): Promise<string> {
  const server = app.getHttpServer() as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(http.port, http.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : http.port;
  return `http://${http.host === '0.0.0.0' ? '127.0.0.1' : http.host}:${port}`;
}

function describeBus(infra: InfraConfig, bus: MessageBus): string {
  return bus.kind === 'kafka' && infra.kafka ? `Kafka at ${infra.kafka.brokers.join(',')}` : bus.kind;
}

/** Tries `connect` until it succeeds (or `stop` aborts), keeping the gate's reason current and every failure logged. */
async function untilReachable(name: string, what: string, connect: () => Promise<void>, gate: BootGate, stop?: AbortSignal): Promise<void> {
  const log = getLogger('Bootstrap');
  const stopped = new Promise<never>((_, reject) => {
    if (stop?.aborted) reject(new StoppedWhileStarting(name));
    stop?.addEventListener('abort', () => reject(new StoppedWhileStarting(name)), { once: true });
  });
  stopped.catch(() => undefined);
  for (let attempt = 1; ; attempt++) {
    gate.set(name, { ok: false, detail: `connecting to ${what} (attempt ${attempt})` });
    try {
      await Promise.race([connect(), stopped]);
      gate.set(name, { ok: true, detail: what });
      if (attempt > 1) log.info('dependency reachable', { dependency: name, attempts: attempt });
      return;
    } catch (err) {
      if (err instanceof StoppedWhileStarting) throw err;
      const reason = err instanceof Error ? err.message : String(err);
      const delayMs = reconnectDelayMs(attempt);
      gate.set(name, { ok: false, detail: `${what} unreachable: ${reason} (attempt ${attempt}, next in ${Math.round(delayMs / 1000)} s)` });
      log.warn('dependency unreachable; retrying', { dependency: name, attempt, retryInMs: delayMs, reason });
      await Promise.race([new Promise((r) => setTimeout(r, delayMs)), stopped]);
    }
  }
}

/** The service was told to stop (SIGTERM) while it still waited for a dependency: a clean stop, not a failed start. */
export class StoppedWhileStarting extends Error {
  constructor(dependency: string) {
    super(`stopped while waiting for ${dependency}`);
  }
}

/**
 * Process entry for one service: configure logging, validate config (fail fast with every problem
 * listed), start, and stop cleanly on SIGTERM/SIGINT.
 */
export function runMain(name: string, build: () => Promise<Omit<ServiceOptions, 'name'>>): void {
  configureLogging({ service: name, level: (process.env.LOG_LEVEL as LogLevel) || 'info' });
  const log = getLogger('Main');
  const starting = new AbortController();
  const stopStarting = () => starting.abort();
  process.once('SIGTERM', stopStarting);
  process.once('SIGINT', stopStarting);
  build()
    .then((opts) => startService({ name, ...opts, stopSignal: starting.signal }))
    .then((svc) => {
      process.off('SIGTERM', stopStarting);
      process.off('SIGINT', stopStarting);
      const stop = (signal: string) => {
        log.info('stopping', { signal });
        svc.close().then(() => process.exit(0), () => process.exit(1));
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
      // Told to stop while the modules were starting: stop now that they can be stopped.
      if (starting.signal.aborted) stop('SIGTERM');
    })
    .catch((err: unknown) => {
      if (err instanceof StoppedWhileStarting) {
        log.info('stopped before it started', { reason: err.message });
        // A connection attempt may still be retrying inside the client: nothing else is running, so exit now.
        setTimeout(() => process.exit(0), 100);
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      log.error('failed to start', { code: (err as { code?: string }).code, reason: message });
      process.stderr.write(`${name}: ${message}\n`);
      setTimeout(() => process.exit(1), 100);
    });
}

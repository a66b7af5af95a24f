import { DynamicModule, Inject, Injectable, MiddlewareConsumer, Module, NestModule, OnApplicationBootstrap, Optional, type FactoryProvider } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { InfraConfig } from '@pharma-radar/platform-config';
import { getLogger } from '@pharma-radar/platform-logging';
import { API_KEY_CHECK, DASHBOARD_CONFIG, DashboardAuth, DashboardAuthGuard, httpApiKeyCheck, type ApiKeyCheck } from './auth';
import { CollaborationsRepository } from './collaborations';
import type { DashboardConfig } from './config';
import { DashboardController } from './dashboard.controller';
import { FeedbackController } from './feedback.controller';
import { LiveUpdates } from './live';
import type { ModelCard } from '@pharma-radar/dashboard-domain';
import { DASHBOARD_INFRA, MODEL_CARD, OperationsController, OperationsReader } from './operations';
import { assetsProvider, PagesController } from './pages.controller';
import { securityHeaders } from './security';

export interface DashboardDeps {
  /**
   * How API keys are checked when the subscriptions API runs in this process (the all-in-one): a factory with
   * what it injects. Without it, keys are checked over HTTP at `auth.apiUrl`, when that is set.
   */
  apiKeyCheck?: Pick<FactoryProvider<ApiKeyCheck>, 'useFactory' | 'inject'>;
  /** The running classifier's model card (the all-in-one knows it; a standalone dashboard does not). */
  modelCard?: ModelCard;
  /**
   * A demo sign-in: called once the server listens, it returns a key to print as a login link (the embedded
   * `npm start`, whose tenants vanish with the process).
   */
  demoKey?: Pick<FactoryProvider<() => Promise<string>>, 'useFactory' | 'inject'>;
}

const DEMO_KEY = Symbol('DASHBOARD_DEMO_KEY');

/** Prints the demo login link once the HTTP server listens (only then is the port known). */
@Injectable()
class DemoSignIn implements OnApplicationBootstrap {
  constructor(
    private readonly http: HttpAdapterHost,
    @Optional() @Inject(DEMO_KEY) private readonly demoKey: (() => Promise<string>) | null,
    private readonly auth: DashboardAuth,
  ) {}

  onApplicationBootstrap(): void {
    this.auth.warnIfClosed();
    const demoKey = this.demoKey;
    if (!demoKey) return;
    const server = this.http.httpAdapter.getHttpServer() as import('node:http').Server;
    // Nest has no "after listen" hook, and the server's own 'listening' event is not seen from here: wait for the flag.
    const timer = setInterval(() => {
      if (!server.listening) return;
      clearInterval(timer);
      const address = server.address();
      if (!address || typeof address === 'string') return;
      const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address.includes(':') ? `[${address.address}]` : address.address;
      demoKey().then(
        // The key travels in the fragment: a browser never sends it to a server, so it reaches no access log.
        (key) => process.stdout.write(`\nDashboard: http://${host}:${address.port}/login#key=${key}\n(demo API key of an in-memory tenant; it ends with this process)\n\n`),
        (err: unknown) => getLogger('Dashboard').error('demo key not created', { reason: (err as Error).message }),
      );
    }, 50);
    timer.unref();
  }
}

@Module({})
export class DashboardModule implements NestModule {
  static forRoot(config: DashboardConfig, infra: Pick<InfraConfig, 'kafka'>, deps: DashboardDeps = {}): DynamicModule {
    const keyCheck: FactoryProvider = deps.apiKeyCheck
      ? { provide: API_KEY_CHECK, useFactory: deps.apiKeyCheck.useFactory, inject: deps.apiKeyCheck.inject }
      : { provide: API_KEY_CHECK, useFactory: () => (config.auth.apiUrl ? httpApiKeyCheck(config.auth.apiUrl) : null) };
    return {
      module: DashboardModule,
      controllers: [PagesController, DashboardController, FeedbackController, OperationsController],
      providers: [
        { provide: DASHBOARD_CONFIG, useValue: config },
        { provide: DASHBOARD_INFRA, useValue: infra },
        { provide: MODEL_CARD, useValue: deps.modelCard ?? null },
        keyCheck,
        deps.demoKey ? { provide: DEMO_KEY, useFactory: deps.demoKey.useFactory, inject: deps.demoKey.inject } : { provide: DEMO_KEY, useValue: null },
        DashboardAuth,
        DashboardAuthGuard,
        CollaborationsRepository,
        LiveUpdates,
        OperationsReader,
        assetsProvider,
        DemoSignIn,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(securityHeaders).forRoutes(PagesController, DashboardController, FeedbackController, OperationsController);
  }
}

import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { PUSH_SINK, WebSubController, webSubProviders, websubOff, type WebSubConfig } from '@pharma-radar/ingest-push';
import { HealthRegistry } from '@pharma-radar/platform-health';
import { IngestConfig } from './config';
import { FeedPoller, INGEST_CONFIG } from './feed-poller';

@Module({})
export class IngestModule implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
  ) {}

  static forRoot(config: IngestConfig): DynamicModule {
    const websub: WebSubConfig = config.websub ?? websubOff({ maxBytes: config.maxBytes, timeoutMs: config.timeoutMs, allowPrivateHosts: config.allowPrivateHosts, userAgent: config.userAgent });
    return {
      module: IngestModule,
      // The WebSub callback exists only when hubs can be told where it is; pushed bodies take the poller's own path.
      controllers: websub.callbackBase ? [WebSubController] : [],
      providers: [{ provide: INGEST_CONFIG, useValue: config }, FeedPoller, ...webSubProviders(websub), { provide: PUSH_SINK, useExisting: FeedPoller }],
      exports: [FeedPoller],
    };
  }

  onModuleInit(): void {
    // A failing feed is reported on the dashboard, not as unreadiness: one dead publisher must not
    // take the whole ingest service out of rotation.
    this.health.register('ingest', () => ({ ok: true, detail: `${this.config.feeds.length} feeds` }));
  }
}

import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
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
    return { module: IngestModule, providers: [{ provide: INGEST_CONFIG, useValue: config }, FeedPoller], exports: [FeedPoller] };
  }

  onModuleInit(): void {
    // A failing feed is reported on the dashboard, not as unreadiness: one dead publisher must not
    // take the whole ingest service out of rotation.
    this.health.register('ingest', () => ({ ok: true, detail: `${this.config.feeds.length} feeds` }));
  }
}

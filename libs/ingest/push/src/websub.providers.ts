import type { Provider } from '@nestjs/common';
import type { WebSubConfig } from './config';
import { SafeHubClient } from './hub-client';
import { HUB_CLIENT, WEBSUB_CONFIG } from './tokens';
import { WebSubSubscriber } from './websub.service';

/**
 * What a module needs to serve WebSub: the host module also declares WebSubController and provides PUSH_SINK (its
 * own ingest path), so the push path and the poll path stay one.
 */
export function webSubProviders(config: WebSubConfig): Provider[] {
  return [
    { provide: WEBSUB_CONFIG, useValue: config },
    { provide: HUB_CLIENT, useValue: new SafeHubClient(config) },
    WebSubSubscriber,
  ];
}

import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { KEY_VALUE_STORE, KeyValueStore } from './store';

@Global()
@Module({})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore) {}

  static forRoot(store: KeyValueStore): DynamicModule {
    return { module: StoreModule, providers: [{ provide: KEY_VALUE_STORE, useValue: store }], exports: [KEY_VALUE_STORE] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

export * from './alert-dispatcher';
export * from './config';
export * from './notifier.module';

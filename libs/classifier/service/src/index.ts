export * from './classification.handler';
export * from './classifier.module';
export * from './config';
export * from './backtest';
export * from './syndication-store';

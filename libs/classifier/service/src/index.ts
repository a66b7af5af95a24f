export * from './article-classifier';
export * from './classification.handler';
export * from './classifier.module';
export * from './config';
export * from './backtest';
export * from './syndication-store';

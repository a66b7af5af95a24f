export * from './correlation';
export * from './logger';
export * from './mask';
export * from './nest-logger';

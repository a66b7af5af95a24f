export * from './collaboration';
export * from './query';
export * from './filter';
export * from './charts';
export * from './csv';
export * from './lead';
export * from './operations';

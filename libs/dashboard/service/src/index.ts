export * from './config';
export * from './dashboard.controller';
export * from './dashboard.module';

export * from './config';
export * from './dashboard.controller';
export * from './dashboard.module';
export * from './feedback';
export { FeedbackController } from './feedback.controller';

export * from './config';
export * from './dashboard.controller';
export * from './dashboard.module';
export * from './feedback';
export { FeedbackController } from './feedback.controller';
export { httpApiKeyCheck, KEY_COOKIE, type ApiKeyCheck, type Principal } from './auth';
export { CONTENT_SECURITY_POLICY } from './security';
export { CONSUMERS, type OperationsView } from './operations';
export { modelCardFrom, type ModelCard } from '@pharma-radar/dashboard-domain';

// Node-only helpers for the three test tiers; nothing here needs jest globals.
export { expectEventually, type EventuallyOptions } from './expect-eventually';
export { startHttpServer, serveRoutes, answerInTurn, type HttpHandler, type ScriptedAnswer, type RecordedRequest, type RouteResponse, type TestHttpServer } from './http-server';
export { startSmtpServer, type ReceivedMail, type SmtpFailureStage, type SmtpServerOptions, type TestSmtpServer } from './smtp-server';
export { uniquePrefix } from './unique-prefix';
export { TEST_TLS } from './test-tls';
export { infraFromEnv, type TestInfra } from './infra/infra-env';
export { TestingError, TestingErrorCode } from './errors';
export { aFlag, anArticle, ArticleFactory, FlagFactory } from './factories';

/** Why the test harness could not give a test its infrastructure. */
export enum TestingErrorCode {
  /** KAFKA_BROKERS / REDIS_URL missing: the test runs outside a tier that has the global setup. */
  InfraNotConfigured = 'INFRA_NOT_CONFIGURED',
  /** A variable is set but unusable (not host:port, not a redis:// URL). */
  InfraInvalid = 'INFRA_INVALID',
  /** Neither a container runtime nor the native scripts could start Kafka or Redis. */
  InfraUnavailable = 'INFRA_UNAVAILABLE',
}

export class TestingError extends Error {
  constructor(
    readonly code: TestingErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TestingError';
  }
}

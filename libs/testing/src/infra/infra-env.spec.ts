import { TestingError, TestingErrorCode } from '../errors';
import { infraFromEnv } from './infra-env';

function errorOf(fn: () => unknown): TestingError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TestingError) return error;
    throw error;
  }
  throw new Error('expected a TestingError');
}

describe('infraFromEnv', () => {
  it('should split the broker list when both variables are set', () => {
    expect(infraFromEnv({ KAFKA_BROKERS: '127.0.0.1:19092, 127.0.0.1:19094', REDIS_URL: 'redis://127.0.0.1:6379' })).toEqual({
      kafkaBrokers: ['127.0.0.1:19092', '127.0.0.1:19094'],
      redisUrl: 'redis://127.0.0.1:6379',
    });
  });

  it('should throw a not-configured error naming both variables when the global setup did not run', () => {
    const error = errorOf(() => infraFromEnv({}));
    expect(error.code).toBe(TestingErrorCode.InfraNotConfigured);
    expect(error.message).toContain('KAFKA_BROKERS and REDIS_URL not set');
    expect(error.message).toContain('--selectProjects integration');
  });

  it('should throw an invalid error when a broker is not host:port', () => {
    const error = errorOf(() => infraFromEnv({ KAFKA_BROKERS: 'http://127.0.0.1:19092', REDIS_URL: 'redis://127.0.0.1:6379' }));
    expect(error.code).toBe(TestingErrorCode.InfraInvalid);
  });

  it('should throw an invalid error when REDIS_URL is not a redis URL', () => {
    const error = errorOf(() => infraFromEnv({ KAFKA_BROKERS: '127.0.0.1:19092', REDIS_URL: '127.0.0.1:6379' }));
    expect(error.code).toBe(TestingErrorCode.InfraInvalid);
  });
});

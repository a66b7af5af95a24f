import { TestingError, TestingErrorCode } from '../errors';

export interface TestInfra {
  kafkaBrokers: string[];
  redisUrl: string;
}

const HOST_PORT = /^[^\s:/]+:\d{1,5}$/;

/**
 * The Kafka brokers and Redis URL the integration/e2e global setup exported to test workers.
 * Throws when the setup did not run, rather than letting a test connect to a guessed address.
 */
export function infraFromEnv(env: NodeJS.ProcessEnv = process.env): TestInfra {
  const brokers = env['KAFKA_BROKERS']?.trim();
  const redisUrl = env['REDIS_URL']?.trim();
  const missing = [!brokers && 'KAFKA_BROKERS', !redisUrl && 'REDIS_URL'].filter(Boolean);
  if (!brokers || !redisUrl) {
    throw new TestingError(
      TestingErrorCode.InfraNotConfigured,
      `${missing.join(' and ')} not set: this test needs the global setup of the integration or e2e tier ` +
        '(libs/testing/src/infra/global-setup.ts). Run it with `npx jest --selectProjects integration`, ' +
        'or set KAFKA_BROKERS=host:port[,host:port] and REDIS_URL=redis://host:port yourself.',
    );
  }
  const kafkaBrokers = brokers
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  const bad = kafkaBrokers.filter((b) => !HOST_PORT.test(b));
  if (kafkaBrokers.length === 0 || bad.length > 0) {
    throw new TestingError(TestingErrorCode.InfraInvalid, `KAFKA_BROKERS must be host:port[,host:port], got "${brokers}"`);
  }
  if (!/^rediss?:\/\/\S+$/.test(redisUrl)) {
    throw new TestingError(TestingErrorCode.InfraInvalid, `REDIS_URL must be a redis:// or rediss:// URL, got "${redisUrl}"`);
  }
  return { kafkaBrokers, redisUrl };
}

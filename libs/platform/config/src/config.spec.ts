import { AppError, ErrorCode } from '@pharma-radar/contracts';
import { describeEnv, Env, env, readEnv, renderEnvExample } from './config';
import { commonEnv, infraConfig } from './common';

const spec = {
  PORT: env(Env.int(3000, 1, 65535), 'HTTP port'),
  TOKEN: env(Env.optStr(), 'API token', { sensitive: true }),
  FLAG: env(Env.bool(false), 'a flag'),
};

describe('readEnv', () => {
  it('should apply defaults and coerce types when variables are unset or strings', () => {
    expect(readEnv(spec, { PORT: '8080', FLAG: 'yes' })).toEqual({ PORT: 8080, TOKEN: undefined, FLAG: true });
    expect(readEnv(spec, {})).toEqual({ PORT: 3000, TOKEN: undefined, FLAG: false });
  });

  it('should report every invalid variable at once with a typed code when several are wrong', () => {
    let caught: unknown;
    try {
      readEnv(spec, { PORT: 'abc', FLAG: 'maybe' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe(ErrorCode.ConfigInvalid);
    expect((caught as AppError).message).toMatch(/PORT/);
    expect((caught as AppError).message).toMatch(/FLAG/);
  });

  it('should never echo a sensitive value when it is invalid', () => {
    const s = { SECRET_URL: env(Env.url(['redis:']), 'x', { sensitive: true }) };
    expect(() => readEnv(s, { SECRET_URL: 'http://user:hunter2@h' })).toThrow(/SECRET_URL/);
    try {
      readEnv(s, { SECRET_URL: 'http://user:hunter2@h' });
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
  });
});

describe('describeEnv', () => {
  it('should mask sensitive values when describing config for a boot log', () => {
    const values = readEnv(spec, { TOKEN: 'abc' });
    expect(describeEnv(spec, values)).toEqual({ PORT: 3000, TOKEN: '***', FLAG: false });
  });
});

describe('infraConfig', () => {
  it('should select embedded infrastructure when no brokers or redis url are set', () => {
    expect(infraConfig(readEnv(commonEnv, {}))).toMatchObject({ kafka: null, redis: null });
  });

  it('should split brokers when KAFKA_BROKERS lists several', () => {
    const c = infraConfig(readEnv(commonEnv, { KAFKA_BROKERS: '127.0.0.1:1, 127.0.0.1:2', REDIS_URL: 'redis://127.0.0.1:6379' }));
    expect(c.kafka?.brokers).toEqual(['127.0.0.1:1', '127.0.0.1:2']);
    expect(c.redis?.url).toBe('redis://127.0.0.1:6379');
  });

  it('should leave partition concurrency to the bus when KAFKA_PARTITIONS_CONCURRENCY is unset or 0', () => {
    expect(infraConfig(readEnv(commonEnv, { KAFKA_BROKERS: 'h:1' })).kafka?.partitionsConcurrency).toBeUndefined();
    expect(infraConfig(readEnv(commonEnv, { KAFKA_BROKERS: 'h:1', KAFKA_PARTITIONS_CONCURRENCY: '0' })).kafka?.partitionsConcurrency).toBeUndefined();
    expect(infraConfig(readEnv(commonEnv, { KAFKA_BROKERS: 'h:1', KAFKA_PARTITIONS_CONCURRENCY: '3' })).kafka?.partitionsConcurrency).toBe(3);
    expect(() => readEnv(commonEnv, { KAFKA_PARTITIONS_CONCURRENCY: '-1' })).toThrow(/KAFKA_PARTITIONS_CONCURRENCY/);
  });
});

describe('renderEnvExample', () => {
  it('should list every variable with its description when rendering', () => {
    const text = renderEnvExample([{ title: 't', spec }]);
    expect(text).toContain('# PORT=');
    expect(text).toContain('# API token (secret)');
  });
});

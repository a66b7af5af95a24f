import { TestingError, TestingErrorCode } from '../errors';
import { containerRuntimeAvailable, startKafkaContainer, startRedisContainer } from './containers';
import { exportVariable, infraState, stopStarted, type InfraState } from './infra-state';
import { startNativeKafka, startNativeRedis } from './native';

/**
 * Jest global setup of the integration and e2e tiers: gives test workers a real Kafka and Redis.
 * For each, independently: the variable already set (KAFKA_BROKERS / REDIS_URL), else a container
 * when a runtime answers, else tools/infra/{kafka,redis}.sh. Never skips: no infrastructure throws.
 */
export default async function globalSetup(): Promise<void> {
  const state = infraState();
  state.users += 1;
  if (state.users > 1) {
    // A second tier in the same run: the first tier's setup already exported both variables.
    return;
  }
  const startedAt = Date.now();
  let runtime: Promise<boolean> | undefined;
  const hasRuntime = () => (runtime ??= containerRuntimeAvailable());

  try {
    const kafka = await provide(state, {
      name: 'Kafka',
      variable: 'KAFKA_BROKERS',
      hasRuntime,
      container: startKafkaContainer,
      native: startNativeKafka,
      nativeLabel: 'native broker (tools/infra/kafka.sh)',
    });
    const redis = await provide(state, {
      name: 'Redis',
      variable: 'REDIS_URL',
      hasRuntime,
      container: startRedisContainer,
      native: startNativeRedis,
      nativeLabel: 'tools/infra/redis.sh',
    });
    console.log(`[infra] Kafka: ${kafka} | Redis: ${redis} | ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  } catch (error) {
    // Jest runs no teardown after a failed setup, so undo here what this setup already started.
    await stopStarted(state).catch(() => undefined);
    state.users = 0;
    throw error;
  }
}

interface Provider {
  name: string;
  variable: 'KAFKA_BROKERS' | 'REDIS_URL';
  hasRuntime: () => Promise<boolean>;
  container: () => Promise<{ address: string; stop(): Promise<void> }>;
  native: () => Promise<{ address: string; startedBySetup: boolean; stop(): Promise<void> }>;
  nativeLabel: string;
}

/** Makes one service available, exports its address, and returns how it was obtained. */
async function provide(state: InfraState, p: Provider): Promise<string> {
  const preset = process.env[p.variable]?.trim();
  if (preset) {
    return `${preset} (from ${p.variable})`;
  }
  const failures: string[] = [];
  if (await p.hasRuntime()) {
    try {
      const service = await p.container();
      state.started.push({ label: `${p.name} container`, stop: service.stop });
      exportVariable(state, p.variable, service.address);
      return `container at ${service.address}`;
    } catch (error) {
      failures.push(`container: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  try {
    const service = await p.native();
    if (service.startedBySetup) {
      state.started.push({ label: `${p.name} (${p.nativeLabel})`, stop: service.stop });
    }
    exportVariable(state, p.variable, service.address);
    return `${p.nativeLabel} at ${service.address} (${service.startedBySetup ? 'started by setup' : 'already running, left alone'})`;
  } catch (error) {
    failures.push(`native: ${error instanceof Error ? error.message : String(error)}`);
  }
  throw new TestingError(
    TestingErrorCode.InfraUnavailable,
    `No ${p.name} for the integration/e2e tests. Set ${p.variable}, or make a container runtime or ` +
      `the native script work (see tools/infra/README.md).\n${failures.join('\n')}`,
  );
}

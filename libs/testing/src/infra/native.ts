import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { TestingError, TestingErrorCode } from '../errors';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

// Generous: the very first start resolves the Kafka jars from Maven Central before the broker's own 90 s deadline.
const START_TIMEOUT_MS = 10 * 60_000;
const QUICK_TIMEOUT_MS = 60_000;

type Script = 'kafka.sh' | 'redis.sh';

interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runScript(script: Script, command: string, timeoutMs: number): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(REPO_ROOT, 'tools/infra', script), command], {
      cwd: REPO_ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function mustRun(script: Script, command: string, timeoutMs: number): Promise<ScriptResult> {
  const result = await runScript(script, command, timeoutMs);
  if (result.code !== 0) {
    throw new TestingError(
      TestingErrorCode.InfraUnavailable,
      `tools/infra/${script} ${command} failed (exit ${result.code ?? 'killed after ' + timeoutMs + ' ms'}):\n${result.stderr.trim()}`,
    );
  }
  return result;
}

function envValue(result: ScriptResult, name: string): string {
  const line = result.stdout.split('\n').find((l) => l.startsWith(`${name}=`));
  if (!line) {
    throw new TestingError(TestingErrorCode.InfraUnavailable, `tools/infra env printed no ${name}: ${result.stdout}`);
  }
  return line.slice(name.length + 1).trim();
}

export interface NativeService {
  address: string;
  /** False when it was already running before setup: then teardown must leave it alone. */
  startedBySetup: boolean;
  stop(): Promise<void>;
}

/** kafka.sh status: 0 running, 1 starting (someone else's start), 3 stopped. */
export async function startNativeKafka(): Promise<NativeService> {
  const before = await runScript('kafka.sh', 'status', QUICK_TIMEOUT_MS);
  await mustRun('kafka.sh', 'start', START_TIMEOUT_MS);
  const address = envValue(await mustRun('kafka.sh', 'env', QUICK_TIMEOUT_MS), 'KAFKA_BROKERS');
  return {
    address,
    startedBySetup: before.code === 3,
    stop: async () => {
      await mustRun('kafka.sh', 'stop', QUICK_TIMEOUT_MS);
    },
  };
}

/** redis.sh env succeeds when some Redis (the shared one on 6379, or ours) already answers. */
export async function startNativeRedis(): Promise<NativeService> {
  const before = await runScript('redis.sh', 'env', QUICK_TIMEOUT_MS);
  await mustRun('redis.sh', 'start', QUICK_TIMEOUT_MS);
  const address = envValue(await mustRun('redis.sh', 'env', QUICK_TIMEOUT_MS), 'REDIS_URL');
  return {
    address,
    startedBySetup: before.code !== 0,
    stop: async () => {
      await mustRun('redis.sh', 'stop', QUICK_TIMEOUT_MS);
    },
  };
}

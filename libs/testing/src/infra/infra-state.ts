import { TestingError, TestingErrorCode } from '../errors';

/** What one jest run's global setup started, so that teardown stops exactly that and nothing else. */
export interface InfraState {
  /** Each tier (integration, e2e) runs the global setup; only the last teardown stops anything. */
  users: number;
  /** Stop actions for what setup itself started, in start order. */
  started: { label: string; stop: () => Promise<void> }[];
  /** Variables setup exported, with their previous values, so a watch-mode rerun does not see stale ones. */
  exported: { name: string; previous: string | undefined }[];
}

const KEY = Symbol.for('pharma-radar.testing.infra');

// globalSetup and globalTeardown run in the same jest parent process but as separate modules, so
// module-level variables are not shared between them; globalThis is.
export function infraState(): InfraState {
  const holder = globalThis as unknown as Record<symbol, InfraState | undefined>;
  holder[KEY] ??= { users: 0, started: [], exported: [] };
  return holder[KEY];
}

export function exportVariable(state: InfraState, name: string, value: string): void {
  state.exported.push({ name, previous: process.env[name] });
  process.env[name] = value;
}

/** Stops, newest first, what setup started; exported variables are restored. */
export async function stopStarted(state: InfraState): Promise<void> {
  const errors: string[] = [];
  for (const { label, stop } of state.started.splice(0).reverse()) {
    try {
      await stop();
    } catch (error) {
      errors.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const { name, previous } of state.exported.splice(0).reverse()) {
    if (previous === undefined) {
      delete process.env[name];
    } else {
      process.env[name] = previous;
    }
  }
  if (errors.length > 0) {
    throw new TestingError(TestingErrorCode.InfraUnavailable, `stopping test infrastructure failed:\n${errors.join('\n')}`);
  }
}

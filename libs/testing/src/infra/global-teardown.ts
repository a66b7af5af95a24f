import { infraState, stopStarted } from './infra-state';

/** Stops only what the global setup itself started, once the last tier that used it is done. */
export default async function globalTeardown(): Promise<void> {
  const state = infraState();
  state.users = Math.max(0, state.users - 1);
  if (state.users > 0) {
    return;
  }
  await stopStarted(state);
}

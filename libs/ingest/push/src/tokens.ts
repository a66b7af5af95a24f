export const WEBSUB_CONFIG = Symbol('WEBSUB_CONFIG');
export const HUB_CLIENT = Symbol('HUB_CLIENT');
/** Where verified pushed content goes: the poller's own path for a fetched feed body. */
export const PUSH_SINK = Symbol('PUSH_SINK');

/** `unknown_feed`: no longer configured (the hub is told 410 and stops); `busy`: too many pushes in flight (503). */
export type PushOutcome = 'accepted' | 'unknown_feed' | 'busy';

export interface PushSink {
  /**
   * Takes a verified body for one feed and returns at once; the items then take the polled path (identity, de-dup,
   * article fetch, publish).
   */
  acceptPush(feedId: string, body: Buffer, contentType: string | undefined): PushOutcome;
}

export const WEBSUB_CONFIG = Symbol('WEBSUB_CONFIG');
export const HUB_CLIENT = Symbol('HUB_CLIENT');
/** Where verified pushed content goes: the poller's own path for a fetched feed body. */
export const PUSH_SINK = Symbol('PUSH_SINK');

export interface PushSink {
  /**
   * Takes a verified body for one feed and returns at once; the items then take the polled path (identity, de-dup,
   * article fetch, publish). Rejects only when the sink cannot take more now.
   */
  acceptPush(feedId: string, body: Buffer, contentType: string | undefined): Promise<void>;
}

/** Error codes shared across services. Expected outcomes (a duplicate, an unsubscribed user) are not errors. */
export enum ErrorCode {
  ConfigInvalid = 'CONFIG_INVALID',
  MessageNotJson = 'MESSAGE_NOT_JSON',
  MessageSchemaInvalid = 'MESSAGE_SCHEMA_INVALID',
  MessageEmpty = 'MESSAGE_EMPTY',
  HandlerFailed = 'HANDLER_FAILED',
  FeedFetchFailed = 'FEED_FETCH_FAILED',
  FeedUrlRefused = 'FEED_URL_REFUSED',
  FeedTooLarge = 'FEED_TOO_LARGE',
  FeedTimeout = 'FEED_TIMEOUT',
  FeedHttpStatus = 'FEED_HTTP_STATUS',
  FeedParseFailed = 'FEED_PARSE_FAILED',
  FeedNotAFeed = 'FEED_NOT_A_FEED',
  DeliveryRejected = 'DELIVERY_REJECTED',
  DeliveryTransient = 'DELIVERY_TRANSIENT',
  /** A delivery record that would reopen a finished delivery (a bug, never retried). */
  DeliveryLedgerConflict = 'DELIVERY_LEDGER_CONFLICT',
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Whether trying again later can succeed; the messaging layer retries only these. */
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

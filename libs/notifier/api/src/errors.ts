/** Error codes of the subscriptions API, part of its HTTP contract: clients switch on them, so renaming one breaks them. */
export enum ApiErrorCode {
  Unauthorized = 'UNAUTHORIZED',
  NotFound = 'NOT_FOUND',
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedJson = 'MALFORMED_JSON',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  Conflict = 'CONFLICT',
  /** A signed link token (unsubscribe, feedback) that is missing, malformed, forged, expired or signed with a retired key. */
  InvalidToken = 'INVALID_TOKEN',
  QuotaExceeded = 'QUOTA_EXCEEDED',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  StoreUnavailable = 'STORE_UNAVAILABLE',
  Internal = 'INTERNAL',
}

export interface ApiErrorDetail {
  /** Where in the body, e.g. `watchlist.therapeuticAreas[0]` or `(root)`. */
  path: string;
  message: string;
  code?: string;
  /** The closest value the API would accept ("oncology" for "cancer", "AstraZeneca" for "Astra Zenica"). */
  suggestion?: string;
  allowed?: readonly string[];
}

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; details?: ApiErrorDetail[] };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: ApiErrorDetail[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

// One wording for "not yours or not there", so a probe cannot tell another tenant's id from a free one.
export const notFound = () => new ApiError(404, ApiErrorCode.NotFound, 'not found');
export const unauthorized = () => new ApiError(401, ApiErrorCode.Unauthorized, 'missing or invalid API key');

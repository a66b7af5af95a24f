import { ErrorCode } from '@pharma-radar/contracts';
import type { FetchErrorCode } from './safe-fetch';

/** The shared wire code for a fetch failure. */
export function fetchErrorToAppCode(code: FetchErrorCode): ErrorCode {
  switch (code) {
    case 'URL_INVALID':
    case 'URL_TOO_LONG':
    case 'URL_SCHEME':
    case 'URL_CREDENTIALS':
    case 'URL_PRIVATE_ADDRESS':
    case 'URL_INTERNAL_HOST':
    case 'URL_HOMOGRAPH':
    case 'REDIRECT_INVALID':
      return ErrorCode.FeedUrlRefused;
    case 'TOO_LARGE':
      return ErrorCode.FeedTooLarge;
    case 'TIMEOUT':
      return ErrorCode.FeedTimeout;
    case 'HTTP_NOT_FOUND':
    case 'HTTP_RATE_LIMITED':
    case 'HTTP_CLIENT_ERROR':
    case 'HTTP_SERVER_ERROR':
      return ErrorCode.FeedHttpStatus;
    case 'DNS_FAILED':
    case 'CONNECT_FAILED':
    case 'ABORTED':
    case 'TOO_MANY_REDIRECTS':
    case 'ENCODING_UNSUPPORTED':
    case 'DECODE_FAILED':
    case 'BODY_INCOMPLETE':
      return ErrorCode.FeedFetchFailed;
  }
}

import { ErrorCode } from '@pharma-radar/contracts';
import { FeedErrorCode } from './types';

/** The shared wire code for a parse failure (dead-letter records, metrics labels). */
export function feedErrorToAppCode(code: FeedErrorCode): ErrorCode {
  switch (code) {
    case FeedErrorCode.NotAFeed:
    case FeedErrorCode.Empty:
      return ErrorCode.FeedNotAFeed;
    case FeedErrorCode.TooLarge:
      return ErrorCode.FeedTooLarge;
    case FeedErrorCode.TooDeep:
    case FeedErrorCode.ParseFailed:
      return ErrorCode.FeedParseFailed;
  }
}

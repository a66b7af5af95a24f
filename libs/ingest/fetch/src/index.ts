export { checkUrl, isPrivateAddress, parseAllowEntry, MAX_URL_LENGTH } from './url-policy';
export type { AllowEntry, UrlPolicy, UrlCheck, UrlErrorCode } from './url-policy';
export { safeFetch, parseRetryAfter, DEFAULT_USER_AGENT, DEFAULT_ACCEPT } from './safe-fetch';
export type { FetchOptions, FetchResult, FetchErrorCode } from './safe-fetch';
export { fetchErrorToAppCode } from './error-codes';

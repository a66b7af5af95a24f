// Bump on every rule or gazetteer change: the service caches results and backtests by this string.
export const MODEL_VERSION = 'rules-2026.12.3';

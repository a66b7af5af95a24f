// Bump on every rule or gazetteer change: the service caches results and backtests by this string.
export const MODEL_VERSION = 'learned-2026.12.4';

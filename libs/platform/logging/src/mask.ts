// Secrets and personal data that must never reach a log line in clear, whatever field they hide in.
const PATTERNS: Array<[RegExp, (m: string, ...g: string[]) => string]> = [
  [/https?:\/\/hooks\.slack\.com\/services\/[^\s"'<>]+/gi, () => 'https://hooks.slack.com/services/***'],
  [/\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/]+):([^\s@/]+)@/gi, (_m, scheme: string, user: string) => `${scheme}${user}:***@`],
  [/\b(xox[abprs]-)[A-Za-z0-9-]+/g, (_m, p: string) => `${p}***`],
  [/\b(bearer\s+)[A-Za-z0-9._~+/=-]+/gi, (_m, p: string) => `${p}***`],
  [/\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b/g, (_m, first: string, domain: string) => `${first}***@${domain}`],
];

export function maskString(value: string): string {
  let out = value;
  for (const [re, replace] of PATTERNS) out = out.replace(re, replace as (substring: string, ...args: unknown[]) => string);
  return out;
}

const SENSITIVE_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|cookie|webhook/i;

export function maskValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskString(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskValue(v, depth + 1));
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SENSITIVE_KEY.test(k) && v != null && v !== '' ? '***' : maskValue(v, depth + 1);
  }
  return out;
}

// Slack incoming-webhook URLs are checked on the raw string first, before any URL parser sees them:
// parser-confusion tricks (userinfo, backslashes, percent-encoded separators, lookalike hosts, ports)
// all fail a single anchored pattern that admits exactly one host and one path shape.

export const SLACK_WEBHOOK_MAX_LENGTH = 300;
const SLACK_WEBHOOK = /^https:\/\/hooks\.slack\.com\/services\/[A-Z0-9]{1,32}\/[A-Z0-9]{1,32}\/[A-Za-z0-9]{1,128}$/;
// Characters no webhook URL we accept may contain anywhere, whatever the allowed prefix.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_ANYWHERE = /[\s\\@#?%\u0000-\u001f\u007f-\u009f]/;

export type WebhookUrlProblem = 'empty' | 'too_long' | 'not_slack_webhook' | 'prefix_mismatch';

export interface WebhookUrlPolicy {
  /**
   * Extra accepted prefixes, for tests and the embedded all-in-one mode (e.g. 'http://127.0.0.1:4010/').
   * Each must be an http(s) origin followed by a path ending in '/'.
   */
  allowedWebhookPrefixes?: readonly string[];
}

/** Null when `value` may be posted to, otherwise why not. Never echoes the URL (it holds a token). */
export function webhookUrlProblem(value: string, policy: WebhookUrlPolicy = {}): WebhookUrlProblem | null {
  if (value.length === 0) return 'empty';
  if (value.length > SLACK_WEBHOOK_MAX_LENGTH) return 'too_long';
  if (SLACK_WEBHOOK.test(value)) return null;
  for (const prefix of policy.allowedWebhookPrefixes ?? []) {
    if (matchesPrefix(value, prefix)) return null;
  }
  return policy.allowedWebhookPrefixes?.length ? 'prefix_mismatch' : 'not_slack_webhook';
}

function matchesPrefix(value: string, prefix: string): boolean {
  if (!prefix.endsWith('/') || !value.startsWith(prefix) || FORBIDDEN_ANYWHERE.test(value)) return false;
  let parsedPrefix: URL;
  let parsedValue: URL;
  try {
    parsedPrefix = new URL(prefix);
    parsedValue = new URL(value);
  } catch {
    return false;
  }
  if (parsedPrefix.protocol !== 'http:' && parsedPrefix.protocol !== 'https:') return false;
  // Same origin after parsing, so the string prefix cannot be bent into another host.
  return parsedValue.origin === parsedPrefix.origin && parsedValue.username === '' && parsedValue.password === '';
}

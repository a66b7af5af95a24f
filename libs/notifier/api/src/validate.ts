import { EVENT_TYPES, PARTY_TYPES } from '@pharma-radar/contracts';
import { parseSubscriber, type Resolution, type Subscriber, type VocabularyChecker, type WebhookUrlPolicy } from '@pharma-radar/notifier-subscriptions';
import type { ApiErrorDetail } from './errors';

export type SubscriberInput =
  | { ok: true; subscriber: Subscriber; resolved: Resolution[]; warnings: { path: string; message: string }[] }
  | { ok: false; details: ApiErrorDetail[] };

const ENUM_PATHS: { prefix: string; allowed: readonly string[] }[] = [
  { prefix: 'watchlist.eventTypes', allowed: EVENT_TYPES },
  { prefix: 'watchlist.partyTypes', allowed: PARTY_TYPES },
];

/**
 * A create/replace body → a subscriber ready to store: the strict schema first (shape, unknown and prototype
 * keys, emails, webhook URLs, limits), then the classifier's vocabulary, which also rewrites known values to
 * the spelling the classifier emits so they match.
 */
export function validateSubscriberBody(body: unknown, vocabulary: VocabularyChecker, policy: WebhookUrlPolicy): SubscriberInput {
  // `active` defaults to true for API clients; the file format keeps requiring it.
  const input = isPlainObject(body) && !Object.prototype.hasOwnProperty.call(body, 'active') ? { ...body, active: true } : body;
  const parsed = parseSubscriber(input, policy);
  if (!parsed.ok) return { ok: false, details: parsed.errors.map(toDetail) };
  const check = vocabulary.check(parsed.subscriber.watchlist);
  if (!check.ok) {
    return { ok: false, details: check.problems.map((p) => ({ path: p.path, message: p.message, code: p.code, suggestion: p.suggestion, allowed: p.allowed })) };
  }
  return { ok: true, subscriber: { ...parsed.subscriber, watchlist: check.watchlist }, resolved: check.resolved, warnings: check.warnings };
}

// parseSubscriber's errors read "<path>: <rule>"; the path is everything before the first ': '.
function toDetail(error: string): ApiErrorDetail {
  const at = error.indexOf(': ');
  const path = at > 0 ? error.slice(0, at) : '(root)';
  const message = at > 0 ? error.slice(at + 2) : error;
  const enumPath = ENUM_PATHS.find((e) => path.startsWith(e.prefix) && /invalid option/i.test(message));
  return enumPath ? { path, message: 'not a value the classifier emits', allowed: enumPath.allowed } : { path, message };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

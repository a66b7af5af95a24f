import { z } from 'zod';
import { eventTypeSchema, partyTypeSchema } from '@pharma-radar/contracts';
import { emailProblem } from './email';
import { webhookUrlProblem, type WebhookUrlPolicy } from './webhook-url';
import { genericWebhookUrlProblem } from './generic-webhook-url';
import { wordsOf } from './text';

export const CHANNELS = ['email', 'slack', 'console', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DIGEST_MODES = ['immediate', 'daily'] as const;
export type DigestMode = (typeof DIGEST_MODES)[number];
/** How alerts reach a subscriber: each one at once, or collected into an hourly or a daily digest. */
export const DELIVERY_MODES = ['instant', 'hourly', 'daily'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const SUBSCRIBER_LIMITS = {
  subscribers: 10_000,
  idLength: 100,
  nameLength: 200,
  companies: 500,
  companyLength: 200,
  therapeuticAreas: 100,
  therapeuticAreaLength: 100,
  keywords: 200,
  keywordLength: 100,
  companyAliases: 20,
  geographies: 100,
  geographyLength: 100,
} as const;

// Keys that rebuild prototypes when an object is later merged or spread carelessly.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// Single-line human text: no control characters, no line/paragraph separators.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NO_CONTROLS = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;
// A webhook signing secret is referenced by name (e.g. 'env:ACME_WEBHOOK_SECRET'), resolved at send time.
const WEBHOOK_SECRET_REF = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/;

const text = (max: number) =>
  z.string().min(1).max(max).regex(NO_CONTROLS, 'must not contain control characters').refine((s) => s.trim().length > 0, 'must not be blank');

const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item).max(max).refine((xs) => new Set(xs).size === xs.length, 'must not contain duplicates');

const keyword = z
  .string()
  .min(1)
  .max(SUBSCRIBER_LIMITS.keywordLength)
  .regex(NO_CONTROLS, 'must not contain control characters')
  // Keywords are matched as plain words; one without any letter or digit could never match.
  .refine((s) => wordsOf(s).length > 0, 'must contain a letter or digit');

/**
 * A company: a plain name, or a name with the aliases a press release may use. `verbatim` keeps a name the
 * gazetteer does not know even when it is close to one it does (a real company, not a typo).
 */
const companySchema = z.union([
  text(SUBSCRIBER_LIMITS.companyLength),
  z.strictObject({
    name: text(SUBSCRIBER_LIMITS.companyLength),
    aliases: uniqueList(text(SUBSCRIBER_LIMITS.companyLength), SUBSCRIBER_LIMITS.companyAliases).optional(),
    verbatim: z.boolean().optional(),
  }),
]);
export type CompanyRef = z.infer<typeof companySchema>;

const watchlistSchema = z.strictObject({
  companies: z.array(companySchema).max(SUBSCRIBER_LIMITS.companies).refine(
    (xs) => new Set(xs.map((c) => (typeof c === 'string' ? c : c.name))).size === xs.length,
    'must not contain duplicates',
  ).optional(),
  partyTypes: uniqueList(partyTypeSchema, 20).optional(),
  therapeuticAreas: uniqueList(text(SUBSCRIBER_LIMITS.therapeuticAreaLength), SUBSCRIBER_LIMITS.therapeuticAreas).optional(),
  eventTypes: uniqueList(eventTypeSchema, 50).optional(),
  keywords: uniqueList(keyword, SUBSCRIBER_LIMITS.keywords).optional(),
  geographies: uniqueList(text(SUBSCRIBER_LIMITS.geographyLength), SUBSCRIBER_LIMITS.geographies).optional(),
  minConfidence: z.number().min(0).max(1).optional(),
});
export type Watchlist = z.infer<typeof watchlistSchema>;

const LOCAL_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const localTime = z.string().regex(LOCAL_TIME, 'must be a local time HH:MM (00:00-23:59)');

/** True for an IANA zone name Intl knows ('Europe/Berlin', 'UTC'); offsets like '+01:00' are not zones. */
export function isIanaTimeZone(zone: string): boolean {
  if (zone.length > 64 || !/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
const timeZone = z.string().refine(isIanaTimeZone, 'must be an IANA time zone such as Europe/Berlin');

const deliverySchema = z
  .strictObject({
    mode: z.enum(DELIVERY_MODES),
    /** Local time of the daily digest. */
    at: localTime.optional(),
    timeZone: timeZone.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.mode === 'daily' && d.at === undefined) ctx.addIssue({ code: 'custom', path: ['at'], message: 'required when mode is daily' });
    if (d.mode === 'daily' && d.timeZone === undefined) ctx.addIssue({ code: 'custom', path: ['timeZone'], message: 'required when mode is daily' });
    if (d.mode !== 'daily' && d.at !== undefined) ctx.addIssue({ code: 'custom', path: ['at'], message: 'only allowed when mode is daily' });
  });
export type Delivery = z.infer<typeof deliverySchema>;

/** Local hours in which nothing is sent; start after end spans midnight (22:00-07:00). */
const quietHoursSchema = z
  .strictObject({ start: localTime, end: localTime, timeZone })
  .refine((q) => q.start !== q.end, { message: 'start and end must differ', path: ['end'] });
export type QuietHours = z.infer<typeof quietHoursSchema>;

/** Builds the subscriber schema; `policy` widens the accepted webhook URLs (tests, embedded mode only). */
export function createSubscriberSchema(policy: WebhookUrlPolicy = {}) {
  return z
    .strictObject({
      id: z.string().regex(new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${SUBSCRIBER_LIMITS.idLength - 1}}$`), 'must be 1-100 of A-Z a-z 0-9 . _ -'),
      name: text(SUBSCRIBER_LIMITS.nameLength).optional(),
      email: z.string().superRefine((value, ctx) => {
        const problem = emailProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: `invalid email (${problem})` });
      }).optional(),
      slackWebhookUrl: z.string().superRefine((value, ctx) => {
        const problem = webhookUrlProblem(value, policy);
        if (problem) ctx.addIssue({ code: 'custom', message: `invalid Slack webhook URL (${problem})` });
      }).optional(),
      // Channel 'webhook': the subscriber's own endpoint, signed with a secret kept outside this record.
      webhookUrl: z.string().superRefine((value, ctx) => {
        const problem = genericWebhookUrlProblem(value, policy);
        if (problem) ctx.addIssue({ code: 'custom', message: `invalid webhook URL (${problem})` });
      }).optional(),
      /** The name of the signing secret in the secret store, never the secret itself. */
      webhookSecret: z.string().regex(WEBHOOK_SECRET_REF, 'must be a secret reference: 1-100 of A-Z a-z 0-9 . _ : / -').optional(),
      channels: uniqueList(z.enum(CHANNELS), CHANNELS.length).min(1),
      watchlist: watchlistSchema,
      digest: z.enum(DIGEST_MODES).optional(),
      delivery: deliverySchema.optional(),
      quietHours: quietHoursSchema.optional(),
      active: z.boolean(),
    })
    .superRefine((s, ctx) => {
      // `digest` is the older spelling of `delivery`; one record holding both could say two things.
      if (s.digest !== undefined && s.delivery !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['digest'], message: 'give either digest or delivery, not both' });
      }
      if (s.channels.includes('email') && s.email === undefined) {
        ctx.addIssue({ code: 'custom', path: ['email'], message: 'required when channels include email' });
      }
      if (s.channels.includes('slack') && s.slackWebhookUrl === undefined) {
        ctx.addIssue({ code: 'custom', path: ['slackWebhookUrl'], message: 'required when channels include slack' });
      }
      if (s.channels.includes('webhook') && s.webhookUrl === undefined) {
        ctx.addIssue({ code: 'custom', path: ['webhookUrl'], message: 'required when channels include webhook' });
      }
      if (s.channels.includes('webhook') && s.webhookSecret === undefined) {
        ctx.addIssue({ code: 'custom', path: ['webhookSecret'], message: 'required when channels include webhook' });
      }
    });
}

export const subscriberSchema = createSubscriberSchema();
export type Subscriber = z.infer<typeof subscriberSchema>;

export type ParseSubscribersResult = { ok: true; subscribers: Subscriber[] } | { ok: false; errors: string[] };

/**
 * Validates a subscriber list: the parsed JSON value (an array) or a JSON string holding one.
 * Errors name the path and the rule, never the offending value (it may be a webhook token).
 */
export function parseSubscribers(json: unknown, policy: WebhookUrlPolicy = {}): ParseSubscribersResult {
  let value = json;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return { ok: false, errors: ['(root): not valid JSON'] };
    }
  }
  if (!Array.isArray(value)) return { ok: false, errors: ['(root): expected an array of subscribers'] };
  if (value.length > SUBSCRIBER_LIMITS.subscribers) {
    return { ok: false, errors: [`(root): at most ${SUBSCRIBER_LIMITS.subscribers} subscribers`] };
  }
  const forbidden = findForbiddenKeys(value, '');
  if (forbidden.length > 0) return { ok: false, errors: forbidden.map((p) => `${p}: forbidden key`) };

  const result = z.array(createSubscriberSchema(policy)).safeParse(value);
  if (!result.success) {
    return { ok: false, errors: result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`) };
  }
  const seen = new Set<string>();
  const errors: string[] = [];
  result.data.forEach((s, i) => {
    if (seen.has(s.id)) errors.push(`[${i}].id: duplicate subscriber id`);
    seen.add(s.id);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, subscribers: result.data };
}

/** Validates one subscriber (the HTTP API's create/update body). */
export function parseSubscriber(json: unknown, policy: WebhookUrlPolicy = {}): { ok: true; subscriber: Subscriber } | { ok: false; errors: string[] } {
  const result = parseSubscribers([json], policy);
  if (!result.ok) return { ok: false, errors: result.errors.map(withoutListIndex) };
  return { ok: true, subscriber: result.subscribers[0] };
}

function withoutListIndex(error: string): string {
  if (error.startsWith('[0].')) return error.slice(4);
  return error.startsWith('[0]') ? `(root)${error.slice(3)}` : error;
}

function findForbiddenKeys(value: unknown, path: string, depth = 0): string[] {
  if (depth > 8 || value === null || typeof value !== 'object') return [];
  const found: string[] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => found.push(...findForbiddenKeys(v, `${path}[${i}]`, depth + 1)));
    return found;
  }
  for (const key of Object.keys(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (FORBIDDEN_KEYS.has(key)) found.push(at);
    else found.push(...findForbiddenKeys((value as Record<string, unknown>)[key], at, depth + 1));
  }
  return found;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

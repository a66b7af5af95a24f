import { EVENT_TYPES, PARTY_TYPES } from '@pharma-radar/contracts';
import { CHANNELS, DELIVERY_MODES, SUBSCRIBER_LIMITS } from '@pharma-radar/notifier-subscriptions';
import { ApiErrorCode } from './errors';

// Hand-written, and held true to the controllers by openapi.spec.ts (every route documented, nothing extra).
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: ERROR_TEXT[s], ...json(ref('Error')) }]));
const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid body or link token (INVALID_TOKEN): unknown field, wrong value, or a value outside the classifier vocabulary (details name the field, allowed values and a suggestion)',
  401: 'No API key, or not a valid one',
  404: 'No such resource for this tenant (another tenant\'s resources are not found either)',
  409: 'Conflict (the id exists, the last key) or quota exceeded',
  413: 'Body larger than 100 kB',
  503: 'The subscriptions store (or the channel states) could not record the change; nothing was changed',
};
const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const localTime = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', example: '08:30' };
const timeZone = { type: 'string', description: 'IANA time zone name, checked with Intl', example: 'Europe/Berlin' };
const list = (items: object, maxItems: number) => ({ type: 'array', items, maxItems, uniqueItems: true });

export const OPENAPI_DOCUMENT = {
  openapi: '3.0.3',
  info: {
    title: 'Pharma Radar subscriptions API',
    version: '1.0.0',
    description: 'Tenants, API keys and subscribers with watchlists, channels, delivery mode and quiet hours. Every error is JSON `{error: {code, message, details?}}`.',
  },
  servers: [{ url: '/' }],
  security: [{ apiKey: [] }],
  paths: {
    '/openapi.json': { get: { summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3 document' } } } },
    '/v1/vocabulary': {
      get: { summary: 'Values a watchlist accepts (what the classifier emits)', security: [], responses: { '200': { description: 'Vocabularies', ...json(ref('Vocabulary')) } } },
    },
    '/v1/tenants': {
      post: {
        summary: 'Create a tenant (admin key); its first API key is returned once',
        security: [{ adminKey: [] }],
        requestBody: { required: true, ...json({ type: 'object', additionalProperties: false, required: ['name'], properties: { name: { type: 'string', maxLength: 200 } } }) },
        responses: { '201': { description: 'Created', ...json(ref('TenantCreated')) }, ...errors(400, 401, 413, 503) },
      },
    },
    '/v1/tenant': { get: { summary: 'The caller\'s tenant', responses: { '200': { description: 'Tenant', ...json(ref('Tenant')) }, ...errors(401) } } },
    '/v1/api-keys': {
      post: { summary: 'Issue another API key (shown once)', responses: { '201': { description: 'Created', ...json(ref('ApiKeyCreated')) }, ...errors(400, 401, 409, 503) } },
    },
    '/v1/api-keys/{keyId}': {
      delete: { summary: 'Revoke an API key', parameters: [idParam('keyId')], responses: { '204': { description: 'Revoked' }, ...errors(401, 404, 409, 503) } },
    },
    '/v1/unsubscribe': {
      get: {
        summary: 'Confirmation page of a signed unsubscribe link (List-Unsubscribe); changes nothing',
        security: [],
        parameters: [{ name: 'token', in: 'query', required: true, schema: { type: 'string', maxLength: 1500 } }],
        responses: { '200': { description: 'HTML form that POSTs the same link', content: { 'text/html': { schema: { type: 'string' } } } }, ...errors(400) },
      },
      post: {
        summary: 'One-click unsubscribe (RFC 8058) from the channel the token names; idempotent',
        security: [],
        parameters: [{ name: 'token', in: 'query', required: true, schema: { type: 'string', maxLength: 1500 } }],
        responses: { '200': { description: 'Unsubscribed', ...json({ type: 'object', properties: { unsubscribed: { type: 'boolean' }, channel: { type: 'string' } } }) }, ...errors(400, 404, 503) },
      },
    },
    '/v1/feedback': {
      get: {
        summary: 'Confirmation page of a signed relevant / not-relevant link from an alert; records nothing',
        security: [],
        parameters: [{ name: 'token', in: 'query', required: true, schema: { type: 'string', maxLength: 1500 } }],
        responses: { '200': { description: 'HTML form that POSTs the same link (no script; strict Content-Security-Policy)', content: { 'text/html': { schema: { type: 'string' } } } }, ...errors(400) },
      },
      post: {
        summary: 'Record the verdict the token names (publishes feedback.recorded.v1); a replay records nothing new',
        security: [],
        parameters: [{ name: 'token', in: 'query', required: false, description: 'The link token; or `token` in a form body', schema: { type: 'string', maxLength: 1500 } }],
        requestBody: { required: false, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { token: { type: 'string', maxLength: 1500 } } } } } },
        responses: {
          '200': {
            description: 'Recorded: JSON, or a thank-you page when the request accepts text/html (the form)',
            content: {
              'application/json': { schema: { type: 'object', properties: { recorded: { type: 'boolean', enum: [true] }, verdict: { type: 'string', enum: ['relevant', 'not_relevant'] } } } },
              'text/html': { schema: { type: 'string' } },
            },
          },
          ...errors(400, 503),
        },
      },
    },
    '/v1/subscribers': {
      get: { summary: 'List the tenant\'s subscribers', responses: { '200': { description: 'Subscribers', ...json({ type: 'object', properties: { subscribers: { type: 'array', items: ref('Subscriber') } } }) }, ...errors(401) } },
      post: {
        summary: 'Create a subscriber',
        requestBody: { required: true, ...json(ref('SubscriberInput')) },
        responses: { '201': { description: 'Created', ...json(ref('SavedSubscriber')) }, ...errors(400, 401, 409, 413, 503) },
      },
    },
    '/v1/subscribers/{id}': {
      get: { summary: 'One subscriber', parameters: [idParam('id')], responses: { '200': { description: 'Subscriber', ...json(ref('Subscriber')) }, ...errors(401, 404) } },
      put: {
        summary: 'Replace a subscriber (masked secrets sent back unchanged keep their stored value)',
        parameters: [idParam('id')],
        requestBody: { required: true, ...json(ref('SubscriberInput')) },
        responses: { '200': { description: 'Replaced', ...json(ref('SavedSubscriber')) }, ...errors(400, 401, 404, 413, 503) },
      },
      delete: { summary: 'Delete a subscriber', parameters: [idParam('id')], responses: { '204': { description: 'Deleted' }, ...errors(401, 404, 503) } },
    },
    '/v1/subscribers/{id}/channels': {
      get: {
        summary: 'The subscriber\'s channels as delivery sees them: enabled, or disabled after a permanent refusal (with its code and reason)',
        parameters: [idParam('id')],
        responses: { '200': { description: 'Channel states', ...json(ref('ChannelStates')) }, ...errors(401, 404, 503) },
      },
    },
    '/v1/subscribers/{id}/channels/{channel}/enable': {
      post: {
        summary: 'Switch a channel disabled after a permanent refusal back on (for every notifier replica); idempotent. No body, or {}',
        parameters: [idParam('id'), { name: 'channel', in: 'path', required: true, schema: { type: 'string', enum: [...CHANNELS] } }],
        responses: { '200': { description: 'Enabled; `changed` says whether it was disabled', ...json(ref('ChannelEnabled')) }, ...errors(400, 401, 404, 503) },
      },
    },
  },
  components: {
    securitySchemes: {
      apiKey: { type: 'http', scheme: 'bearer', description: 'A tenant API key: `Authorization: Bearer prk_…`' },
      adminKey: { type: 'http', scheme: 'bearer', description: 'The operator key from NOTIFIER_ADMIN_API_KEY' },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string', enum: Object.values(ApiErrorCode) },
              message: { type: 'string' },
              details: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { path: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' }, suggestion: { type: 'string' }, allowed: { type: 'array', items: { type: 'string' } } },
                },
              },
            },
          },
        },
      },
      Vocabulary: {
        type: 'object',
        properties: {
          therapeuticAreas: { type: 'array', items: { type: 'string' } },
          geographies: { type: 'array', items: { type: 'string' } },
          eventTypes: { type: 'array', items: { type: 'string', enum: [...EVENT_TYPES] } },
          partyTypes: { type: 'array', items: { type: 'string', enum: [...PARTY_TYPES] } },
          deliveryModes: { type: 'array', items: { type: 'string', enum: [...DELIVERY_MODES] } },
        },
      },
      Tenant: {
        type: 'object',
        properties: {
          id: { type: 'string' }, name: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' },
          apiKeys: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } } } },
        },
      },
      ApiKeyCreated: { type: 'object', properties: { id: { type: 'string' }, key: { type: 'string', description: 'Shown once; only its SHA-256 is stored' }, createdAt: { type: 'string', format: 'date-time' } } },
      TenantCreated: { type: 'object', properties: { tenant: ref('Tenant'), apiKey: { type: 'object', properties: { id: { type: 'string' }, key: { type: 'string' } } } } },
      Company: {
        oneOf: [
          { type: 'string', maxLength: SUBSCRIBER_LIMITS.companyLength },
          {
            type: 'object', additionalProperties: false, required: ['name'],
            properties: {
              name: { type: 'string', maxLength: SUBSCRIBER_LIMITS.companyLength },
              aliases: list({ type: 'string' }, SUBSCRIBER_LIMITS.companyAliases),
              verbatim: { type: 'boolean', description: 'Keep a name the gazetteer does not know even when it is close to one it does' },
            },
          },
        ],
      },
      Watchlist: {
        type: 'object',
        additionalProperties: false,
        description: 'Within one criterion any value may match; across criteria all given ones must. Empty: every collaboration.',
        properties: {
          companies: { type: 'array', items: ref('Company'), maxItems: SUBSCRIBER_LIMITS.companies, description: 'Resolved through the classifier gazetteer ("Astra Zeneca" → AstraZeneca)' },
          partyTypes: list({ type: 'string', enum: [...PARTY_TYPES] }, 20),
          eventTypes: { ...list({ type: 'string', enum: [...EVENT_TYPES] }, 50), description: 'Deal types' },
          therapeuticAreas: { ...list({ type: 'string' }, SUBSCRIBER_LIMITS.therapeuticAreas), description: 'Values of GET /v1/vocabulary' },
          geographies: { ...list({ type: 'string' }, SUBSCRIBER_LIMITS.geographies), description: 'Values of GET /v1/vocabulary, or ISO 3166 alpha-2 codes of them' },
          keywords: { ...list({ type: 'string', maxLength: SUBSCRIBER_LIMITS.keywordLength }, SUBSCRIBER_LIMITS.keywords), description: 'Plain words, never regular expressions' },
          minConfidence: { type: 'number', minimum: 0, maximum: 1 },
        },
      },
      SubscriberInput: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'channels', 'watchlist'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$' },
          name: { type: 'string', maxLength: SUBSCRIBER_LIMITS.nameLength },
          email: { type: 'string', format: 'email' },
          slackWebhookUrl: { type: 'string', description: 'https://hooks.slack.com/services/…; shown masked' },
          webhookUrl: { type: 'string', description: 'Public https endpoint of channel webhook; shown masked' },
          webhookSecret: { type: 'string', description: 'Name of the signing secret in the secret store (never the secret); shown masked' },
          channels: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: [...CHANNELS] } },
          watchlist: ref('Watchlist'),
          delivery: {
            type: 'object', additionalProperties: false, required: ['mode'],
            properties: { mode: { type: 'string', enum: [...DELIVERY_MODES] }, at: { ...localTime, description: 'Local time of the daily digest (required for daily)' }, timeZone },
          },
          quietHours: { type: 'object', additionalProperties: false, required: ['start', 'end', 'timeZone'], properties: { start: localTime, end: localTime, timeZone } },
          digest: { type: 'string', enum: ['immediate', 'daily'], deprecated: true, description: 'Older spelling of delivery' },
          active: { type: 'boolean', default: true },
        },
      },
      ChannelStates: {
        type: 'object',
        properties: {
          channels: {
            type: 'array',
            items: {
              type: 'object', required: ['channel', 'state'],
              properties: {
                channel: { type: 'string', enum: [...CHANNELS] },
                state: { type: 'string', enum: ['enabled', 'disabled'] },
                disabled: { type: 'object', properties: { code: { type: 'string' }, reason: { type: 'string' }, at: { type: 'string', format: 'date-time' } } },
              },
            },
          },
        },
      },
      ChannelEnabled: {
        type: 'object',
        properties: { channel: { type: 'string', enum: [...CHANNELS] }, state: { type: 'string', enum: ['enabled'] }, changed: { type: 'boolean' } },
      },
      Subscriber: { allOf: [ref('SubscriberInput')], description: 'As stored; webhook URLs and secrets masked' },
      SavedSubscriber: {
        type: 'object',
        properties: {
          subscriber: ref('Subscriber'),
          resolved: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, input: { type: 'string' }, resolved: { type: 'string' } } } },
          warnings: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    },
  },
} as const;

import { parseSubscriber, parseSubscribers, SUBSCRIBER_LIMITS } from './subscriber';

const TOKEN = 'abcDEF123ghiJKL456mnoPQR';
const WEBHOOK = `https://hooks.slack.com/services/T0123ABCD/B0456EFGH/${TOKEN}`;
const base = () => ({
  id: 'sub-1',
  name: 'BD oncology desk',
  email: 'analyst@bd-team.example',
  slackWebhookUrl: WEBHOOK,
  channels: ['email', 'slack'],
  watchlist: { companies: ['AstraZeneca'], therapeuticAreas: ['oncology'], keywords: ['antibody'], minConfidence: 0.6 },
  digest: 'immediate',
  active: true,
});
const errorsOf = (input: unknown) => {
  const r = parseSubscribers(input);
  if (r.ok) throw new Error('expected a failure');
  return r.errors;
};

describe('parseSubscribers', () => {
  it('should return typed subscribers when the list is valid', () => {
    const r = parseSubscribers([base(), { id: 'sub-2', channels: ['console'], watchlist: {}, active: false }]);
    expect(r).toEqual({ ok: true, subscribers: [base(), { id: 'sub-2', channels: ['console'], watchlist: {}, active: false }] });
  });

  it('should parse a JSON string when given one', () => {
    expect(parseSubscribers(JSON.stringify([base()])).ok).toBe(true);
  });

  it.each([
    ['{"bad":', 'not valid JSON'],
    [{ subscribers: [] }, 'expected an array'],
    [null, 'expected an array'],
  ])('should fail with a root error when the input is %j', (input, message) => {
    expect(errorsOf(input)).toEqual([expect.stringContaining(message)]);
  });

  it.each([
    '"victim@corp.com x"@evil.example',
    'user@good-corp.com(x)evil.com',
    'a@b.com, c@d.com',
    'a@b.com\r\nBcc: x@y',
    '<a@b.com>',
    'a@[127.0.0.1]',
    `${'a'.repeat(300)}@example.com`,
    'ünïcode@example.com',
    '',
  ])('should reject the subscriber when email is %j', (email) => {
    expect(errorsOf([{ ...base(), email }])).toEqual([expect.stringMatching(/^\[0\]\.email: invalid email/)]);
  });

  it('should reject the subscriber when email is a JSON array', () => {
    expect(errorsOf([{ ...base(), email: ['a@b.com', 'c@d.com'] }])).toEqual([expect.stringMatching(/^\[0\]\.email:/)]);
  });

  it.each([
    'https://hooks.slack.com.evil.example/services/T1/B1/x',
    'https://evil.example/hooks.slack.com/services/T1/B1/x',
    'https://hooks.slack.com:8443/services/T1/B1/x',
    'https://user:pass@hooks.slack.com/services/T1/B1/x',
    'http://127.0.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://redis:6379/',
    'file:///etc/passwd',
  ])('should reject the subscriber when slackWebhookUrl is %j', (slackWebhookUrl) => {
    expect(errorsOf([{ ...base(), slackWebhookUrl }])).toEqual([expect.stringMatching(/^\[0\]\.slackWebhookUrl: invalid Slack webhook URL/)]);
  });

  it('should never echo the webhook token when reporting errors', () => {
    const errors = errorsOf([{ ...base(), slackWebhookUrl: `https://hooks.slack.com:8443/services/T1/B1/${TOKEN}`, email: 'bad' }]);
    expect(errors.join('\n')).not.toContain(TOKEN);
    expect(errors.join('\n')).not.toContain('bad');
  });

  it('should accept a local webhook URL when its prefix is allowed by policy', () => {
    const r = parseSubscribers([{ ...base(), slackWebhookUrl: 'http://127.0.0.1:4010/hook/T1' }], { allowedWebhookPrefixes: ['http://127.0.0.1:4010/'] });
    expect(r.ok).toBe(true);
  });

  it('should reject keywords when there are more than 200 of them', () => {
    const keywords = Array.from({ length: 10_000 }, (_, i) => `kw${i}`);
    expect(errorsOf([{ ...base(), watchlist: { keywords } }])).toEqual([expect.stringMatching(/^\[0\]\.watchlist\.keywords:/)]);
  });

  it('should reject a keyword when it is 1 MB long', () => {
    expect(errorsOf([{ ...base(), watchlist: { keywords: ['x'.repeat(1_000_000)] } }])).toEqual([expect.stringMatching(/^\[0\]\.watchlist\.keywords\[0\]:/)]);
  });

  it('should accept a regex-DoS pattern when given as a keyword, since keywords are never compiled', () => {
    const r = parseSubscribers([{ ...base(), watchlist: { keywords: ['(a+)+$'] } }]);
    expect(r.ok).toBe(true);
  });

  it('should reject a keyword when it has no letter or digit', () => {
    expect(errorsOf([{ ...base(), watchlist: { keywords: ['+*?'] } }])).toEqual([expect.stringContaining('letter or digit')]);
  });

  it(`should accept exactly ${SUBSCRIBER_LIMITS.keywords} keywords of ${SUBSCRIBER_LIMITS.keywordLength} characters when at the limit`, () => {
    const keywords = Array.from({ length: SUBSCRIBER_LIMITS.keywords }, (_, i) => `${i}`.padEnd(SUBSCRIBER_LIMITS.keywordLength, 'k'));
    expect(parseSubscribers([{ ...base(), watchlist: { keywords } }]).ok).toBe(true);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('should reject the subscriber when the JSON body has a %s key', (key) => {
    const json = `[{"id":"sub-1","channels":["console"],"watchlist":{},"active":true,"${key}":{"isAdmin":true}}]`;
    expect(errorsOf(json)).toEqual([`[0].${key}: forbidden key`]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('should reject a nested __proto__ key when it hides inside the watchlist', () => {
    const json = '[{"id":"sub-1","channels":["console"],"watchlist":{"__proto__":{"minConfidence":0}},"active":true}]';
    expect(errorsOf(json)).toEqual(['[0].watchlist.__proto__: forbidden key']);
  });

  it('should reject the subscriber when it carries an unknown field such as role', () => {
    expect(errorsOf([{ ...base(), role: 'operator' }])).toEqual([expect.stringMatching(/^\[0\]: Unrecognized key/)]);
  });

  it('should reject the watchlist when it carries an unknown field', () => {
    expect(errorsOf([{ ...base(), watchlist: { regex: '.*' } }])).toEqual([expect.stringMatching(/^\[0\]\.watchlist: Unrecognized key/)]);
  });

  it('should reject the list when two subscribers share an id', () => {
    expect(errorsOf([base(), base()])).toEqual(['[1].id: duplicate subscriber id']);
  });

  it('should reject the subscriber when email is a channel but no email is given', () => {
    const { email: _email, ...rest } = base();
    expect(errorsOf([rest])).toEqual(['[0].email: required when channels include email']);
  });

  it('should reject the subscriber when slack is a channel but no webhook is given', () => {
    const { slackWebhookUrl: _url, ...rest } = base();
    expect(errorsOf([rest])).toEqual(['[0].slackWebhookUrl: required when channels include slack']);
  });

  it.each([
    ['channels', []],
    ['channels', ['sms']],
    ['channels', ['email', 'email']],
    ['id', ''],
    ['id', '../../etc'],
    ['id', 'a:b'],
    ['name', 'Desk\r\nBcc: x@y'],
    ['digest', 'hourly'],
    ['active', 'yes'],
  ])('should reject the subscriber when %s is %j', (field, value) => {
    expect(errorsOf([{ ...base(), [field]: value }])[0]).toMatch(new RegExp(`^\\[0\\]\\.${field}`));
  });

  it.each([
    ['minConfidence', 1.5],
    ['minConfidence', -0.1],
    ['partyTypes', ['pharma', 'alien']],
    ['eventTypes', ['merger_of_equals']],
    ['companies', ['']],
    ['companies', ['   ']],
  ])('should reject the watchlist when %s is %j', (field, value) => {
    expect(errorsOf([{ ...base(), watchlist: { [field]: value } }])[0]).toMatch(new RegExp(`^\\[0\\]\\.watchlist\\.${field}`));
  });

  it('should reject the list when it exceeds the subscriber limit', () => {
    const many = Array.from({ length: SUBSCRIBER_LIMITS.subscribers + 1 }, (_, i) => ({ id: `s${i}`, channels: ['console'], watchlist: {}, active: true }));
    expect(errorsOf(many)).toEqual([expect.stringContaining('at most')]);
  });
});

describe('parseSubscriber', () => {
  it('should return one subscriber when the body is valid', () => {
    expect(parseSubscriber(base())).toEqual({ ok: true, subscriber: base() });
  });

  it('should report paths without the list index when the body is invalid', () => {
    expect(parseSubscriber({ ...base(), email: 'a@b.com, c@d.com' })).toEqual({ ok: false, errors: ['email: invalid email (syntax)'] });
  });

  it('should report root-level problems as (root) when the body has an unknown key', () => {
    expect(parseSubscriber({ ...base(), role: 'operator' })).toEqual({ ok: false, errors: [expect.stringMatching(/^\(root\): Unrecognized key/)] });
  });
});

describe('parseSubscriber delivery and quiet hours', () => {
  const withFields = (extra: Record<string, unknown>) => parseSubscriber({ ...base(), digest: undefined, ...extra });

  it('should accept a daily digest at a local time in an IANA zone', () => {
    const r = withFields({ delivery: { mode: 'daily', at: '08:30', timeZone: 'Europe/Berlin' }, quietHours: { start: '22:00', end: '07:00', timeZone: 'America/New_York' } });
    expect(r.ok).toBe(true);
  });

  it('should accept instant and hourly delivery without a time', () => {
    expect(withFields({ delivery: { mode: 'instant' } }).ok).toBe(true);
    expect(withFields({ delivery: { mode: 'hourly', timeZone: 'Asia/Tokyo' } }).ok).toBe(true);
  });

  it.each([
    [{ mode: 'daily', at: '08:30', timeZone: 'Mars/Olympus' }, 'delivery.timeZone'],
    [{ mode: 'daily', at: '08:30', timeZone: '+01:00' }, 'delivery.timeZone'],
    [{ mode: 'daily', at: '24:00', timeZone: 'UTC' }, 'delivery.at'],
    [{ mode: 'daily', timeZone: 'UTC' }, 'delivery.at'],
    [{ mode: 'weekly' }, 'delivery.mode'],
    [{ mode: 'instant', at: '08:00' }, 'delivery.at'],
  ])('should refuse delivery %j naming %s', (delivery, path) => {
    const r = withFields({ delivery });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.some((e) => e.startsWith(`${path}:`))).toBe(true);
  });

  it('should refuse quiet hours when the zone is unknown or start equals end', () => {
    expect(withFields({ quietHours: { start: '22:00', end: '07:00', timeZone: 'Nowhere/City' } }).ok).toBe(false);
    expect(withFields({ quietHours: { start: '22:00', end: '22:00', timeZone: 'UTC' } }).ok).toBe(false);
  });

  it('should refuse a record that gives both digest and delivery', () => {
    const r = parseSubscriber({ ...base(), digest: 'daily', delivery: { mode: 'instant' } });
    expect(r.ok).toBe(false);
  });
});

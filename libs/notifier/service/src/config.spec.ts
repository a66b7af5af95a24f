import { commonEnv, readEnv } from '@pharma-radar/platform-config';
import { NotifierModule } from './notifier.module';
import { notifierConfig, notifierEnv } from './config';

const spec = { ...commonEnv, ...notifierEnv };
const env = readEnv(spec, {});
const sub = { id: 'a', email: 'a@pharma.example', channels: ['email'], watchlist: {}, active: true };

describe('notifierConfig', () => {
  it('should accept a subscribers file given as an object with a list or as a bare array', () => {
    expect(notifierConfig(env, { subscribers: [sub] }).subscribers).toEqual([sub]);
    expect(notifierConfig(env, [sub]).subscribers).toEqual([sub]);
  });

  it('should stop the start with a clear error when the subscribers file has the wrong shape', () => {
    expect(() => NotifierModule.forRoot(notifierConfig(env, { subscribers: 'everyone' }))).toThrow(/expected an array of subscribers/);
  });

  it('should build one default subscriber from ALERT_* variables when no file is given', () => {
    const e = readEnv(spec, { ALERT_EMAIL_TO: 'bd@pharma.example', ALERT_CONSOLE: 'true' });
    expect(notifierConfig(e, null).subscribers).toEqual([expect.objectContaining({ id: 'default', email: 'bd@pharma.example', channels: ['email', 'console'] })]);
  });

  it('should read webhook secrets by reference and refuse a malformed list without echoing it', () => {
    expect(notifierConfig(readEnv(spec, { NOTIFIER_WEBHOOK_SECRETS: '{"acme-1":"0123456789abcdef0123"}' }), null).webhookSecrets).toEqual({ 'acme-1': '0123456789abcdef0123' });
    expect(() => readEnv(spec, { NOTIFIER_WEBHOOK_SECRETS: '{"acme-1":"short-secret"}' })).toThrow(/NOTIFIER_WEBHOOK_SECRETS: must be a JSON object/);
    expect(() => readEnv(spec, { NOTIFIER_WEBHOOK_SECRETS: '{"acme-1":"short-secret"}' })).not.toThrow(/short-secret/);
  });

  it('should keep finished deliveries a week by default and refuse a retention outside 1 hour to a year', () => {
    expect(notifierConfig(env, null).delivery?.ledgerRetentionMs).toBe(168 * 3_600_000);
    expect(notifierConfig(readEnv(spec, { NOTIFIER_LEDGER_RETENTION_HOURS: '48' }), null).delivery?.ledgerRetentionMs).toBe(48 * 3_600_000);
    expect(() => readEnv(spec, { NOTIFIER_LEDGER_RETENTION_HOURS: '0' })).toThrow(/NOTIFIER_LEDGER_RETENTION_HOURS/);
    expect(() => readEnv(spec, { NOTIFIER_LEDGER_RETENTION_HOURS: 'a week' })).toThrow(/NOTIFIER_LEDGER_RETENTION_HOURS/);
  });

  it('should keep the queue in memory without REDIS_URL and on Redis with it', () => {
    expect(notifierConfig(env, null).redis).toBeNull();
    const e = readEnv(spec, { REDIS_URL: 'redis://127.0.0.1:6379', NOTIFIER_RETRY_WINDOW_HOURS: '2' });
    expect(notifierConfig(e, null)).toMatchObject({ redis: { url: 'redis://127.0.0.1:6379', keyPrefix: 'pr:' }, delivery: { retryWindowMs: 7_200_000, slackIntervalMs: 1_000 } });
  });
});

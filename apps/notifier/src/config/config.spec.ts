import { loadConfig } from './index';

describe('notifier loadConfig (subscriptions API part)', () => {
  const base = { KAFKA_BROKERS: '127.0.0.1:19092', KAFKA_CLIENT_ID: 'pr' };

  it('should build the subscriptions API config from the environment', () => {
    const c = loadConfig({ ...base, NOTIFIER_ADMIN_API_KEY: 'a'.repeat(32), SUBSCRIPTIONS_MAX_PER_TENANT: '50', NOTIFIER_LINK_SECRETS: `${'n'.repeat(32)},${'o'.repeat(32)}` });
    expect(c.subscriptions).toEqual(expect.objectContaining({
      adminApiKey: 'a'.repeat(32), maxSubscribersPerTenant: 50, linkSecrets: ['n'.repeat(32), 'o'.repeat(32)],
      kafka: { brokers: ['127.0.0.1:19092'], clientId: 'pr-notifier-subscriptions' },
    }));
  });

  it('should leave tenant creation off and keep subscriptions in memory when neither key nor broker is set', () => {
    const c = loadConfig({});
    expect(c.subscriptions).toEqual(expect.objectContaining({ adminApiKey: null, kafka: null, linkSecrets: [], maxSubscribersPerTenant: 1_000 }));
  });

  it('should fail at boot, naming the variable but not its value, when a key is too short', () => {
    expect(() => loadConfig({ NOTIFIER_ADMIN_API_KEY: 'short-secret' })).toThrow(/NOTIFIER_ADMIN_API_KEY/);
    expect(() => loadConfig({ NOTIFIER_ADMIN_API_KEY: 'short-secret' })).not.toThrow(/short-secret/);
    expect(() => loadConfig({ NOTIFIER_LINK_SECRETS: 'weak' })).toThrow(/NOTIFIER_LINK_SECRETS/);
  });

  it('should give alerts signed links under <public url>/v1, signed with the first link secret, when NOTIFIER_PUBLIC_URL is set', () => {
    const c = loadConfig({ NOTIFIER_PUBLIC_URL: 'https://radar.example.com/', NOTIFIER_LINK_SECRETS: `${'n'.repeat(32)},${'o'.repeat(32)}` });
    expect(c.notifier.links).toEqual({ baseUrl: 'https://radar.example.com/v1', secret: 'n'.repeat(32) });
    expect(loadConfig({}).notifier.links).toBeNull();
  });

  it('should refuse a public URL without a link secret, or one that is not https', () => {
    expect(() => loadConfig({ NOTIFIER_PUBLIC_URL: 'https://radar.example.com' })).toThrow(/NOTIFIER_LINK_SECRETS is empty/);
    expect(() => loadConfig({ NOTIFIER_PUBLIC_URL: 'http://radar.example.com', NOTIFIER_LINK_SECRETS: 'n'.repeat(32) })).toThrow(/NOTIFIER_PUBLIC_URL/);
  });
});

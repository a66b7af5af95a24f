import { webhookUrlProblem } from './webhook-url';

const VALID = 'https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcDEF123ghiJKL456mnoPQR';

describe('webhookUrlProblem', () => {
  it('should accept a URL when it is a plain Slack incoming webhook', () => {
    expect(webhookUrlProblem(VALID)).toBeNull();
  });

  it.each([
    ['https://hooks.slack.com.evil.example/services/T1/B1/x', 'lookalike host suffix'],
    ['https://evil.example/hooks.slack.com/services/T1/B1/x', 'Slack host in the path'],
    ['https://hooks.slack.com:8443/services/T1/B1/x', 'explicit port'],
    ['https://hooks.slack.com:443/services/T1/B1/x', 'default port spelled out'],
    ['https://user:pass@hooks.slack.com/services/T1/B1/x', 'userinfo'],
    ['https://evil.example@hooks.slack.com/services/T1/B1/x', 'userinfo host'],
    ['https://hooks.slack.com@evil.example/services/T1/B1/x', 'Slack as userinfo'],
    ['http://hooks.slack.com/services/T1/B1/x', 'plain http'],
    ['https://HOOKS.SLACK.COM/services/T1/B1/x', 'uppercase host'],
    ['https://hooks.slack.com./services/T1/B1/x', 'trailing-dot host'],
    ['https://hooks.slack.com/services/T1/B1/x?redirect=http://127.0.0.1/', 'query string'],
    ['https://hooks.slack.com/services/T1/B1/x#frag', 'fragment'],
    ['https://hooks.slack.com/services/T1/B1/../../../api', 'dot segments'],
    ['https://hooks.slack.com/services/T1/B1/x%2f..', 'percent-encoded slash'],
    ['https://hooks.slack.com\\@evil.example/services/T1/B1/x', 'backslash'],
    ['https://hooks.slack.com/services/T1/B1/x\r\nHost: evil', 'CRLF'],
    [' https://hooks.slack.com/services/T1/B1/x', 'leading space'],
    ['https://hooks.slack.com/services/', 'missing token'],
    ['https://hooks.slack.com/workflows/T1/B1/x', 'other path'],
    ['https://hооks.slack.com/services/T1/B1/x', 'Cyrillic homograph'],
    ['http://127.0.0.1/services/T1/B1/x', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'metadata address'],
    ['http://[::ffff:127.0.0.1]/', 'mapped IPv6 loopback'],
    ['http://2130706433/', 'decimal IP'],
    ['file:///etc/passwd', 'file scheme'],
    ['gopher://127.0.0.1:6379/_FLUSHALL', 'gopher scheme'],
    ['javascript:alert(1)', 'javascript scheme'],
    ['', 'empty'],
  ])('should refuse %j when it has a %s', (url) => {
    expect(webhookUrlProblem(url)).not.toBeNull();
  });

  it('should refuse a URL when it is 100 KB long', () => {
    expect(webhookUrlProblem(`${VALID}${'a'.repeat(100_000)}`)).toBe('too_long');
  });

  describe('with allowed prefixes', () => {
    const policy = { allowedWebhookPrefixes: ['http://127.0.0.1:4010/'] };

    it('should accept a URL when it starts with an allowed prefix', () => {
      expect(webhookUrlProblem('http://127.0.0.1:4010/services/T1/B1/token', policy)).toBeNull();
    });

    it('should still accept real Slack URLs when prefixes are configured', () => {
      expect(webhookUrlProblem(VALID, policy)).toBeNull();
    });

    it.each([
      'http://127.0.0.1:40100/x',
      'http://127.0.0.1:4010@evil.example/x',
      'http://127.0.0.1:4010/x\\@evil.example/',
      'http://127.0.0.1:4010/x@evil.example',
      'http://127.0.0.1:4010/%2e%2e/x',
      'http://127.0.0.1:4011/x',
    ])('should refuse %j when it only looks like the allowed prefix', (url) => {
      expect(webhookUrlProblem(url, policy)).toBe('prefix_mismatch');
    });

    it('should ignore a prefix when it does not end with a slash', () => {
      expect(webhookUrlProblem('http://127.0.0.1:40100/x', { allowedWebhookPrefixes: ['http://127.0.0.1:4010'] })).toBe('prefix_mismatch');
    });
  });
});

import { maskEmail, maskSecret } from './mask';

const TOKEN = 'abcDEF123ghiJKL456mnoPQR';

describe('maskSecret', () => {
  it('should keep only the origin and route when masking a Slack webhook', () => {
    expect(maskSecret(`https://hooks.slack.com/services/T0123ABCD/B0456EFGH/${TOKEN}`)).toBe('https://hooks.slack.com/services/***');
  });

  it.each([
    [`https://user:${TOKEN}@hooks.slack.com/services/T1/B1/x`, 'https://hooks.slack.com/services/***'],
    [`http://127.0.0.1:4010/${TOKEN}`, 'http://127.0.0.1:4010/***'],
    [`https://example.com/hook?token=${TOKEN}#${TOKEN}`, 'https://example.com/hook/***'],
    [`not a url ${TOKEN}`, '***'],
    [`ftp://host/${TOKEN}`, '***'],
  ])('should never echo the token when masking %j', (url, masked) => {
    expect(maskSecret(url)).toBe(masked);
    expect(maskSecret(url)).not.toContain(TOKEN);
  });
});

describe('maskEmail', () => {
  it.each([
    ['jane.doe@corp.com', 'j***@corp.com'],
    ['+tag@corp.com', '***@corp.com'],
    ['no-at-sign', '***'],
    ['trailing@', '***'],
    ['a@b.com\r\nBcc: x@y', '***'],
  ])('should mask %j as %j', (address, masked) => {
    expect(maskEmail(address)).toBe(masked);
  });
});

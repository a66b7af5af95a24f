import { maskString, maskValue } from './mask';

describe('maskString', () => {
  it('should hide the token when a Slack webhook URL is logged', () => {
    const out = maskString('posting to https://hooks.slack.com/services/T000/B000/abcdefSECRET now');
    expect(out).toBe('posting to https://hooks.slack.com/services/*** now');
  });

  it('should hide the password when a URL carries credentials', () => {
    expect(maskString('smtp://mailer:hunter2@127.0.0.1:25')).toBe('smtp://mailer:***@127.0.0.1:25');
  });

  it('should keep only the first letter of an email local part', () => {
    expect(maskString('sent to analyst@pharma.example')).toBe('sent to a***@pharma.example');
  });
});

describe('maskValue', () => {
  it('should replace values of sensitive keys when nested in objects', () => {
    expect(maskValue({ smtp: { password: 'x1', host: 'h' }, list: [{ apiKey: 'k' }] })).toEqual({
      smtp: { password: '***', host: 'h' },
      list: [{ apiKey: '***' }],
    });
  });
});

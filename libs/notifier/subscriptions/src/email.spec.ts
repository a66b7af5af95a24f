import { EMAIL_MAX_LENGTH, emailProblem, isValidEmail } from './email';

describe('isValidEmail', () => {
  it.each([
    'analyst@bd-team.example',
    'jane.doe+pharma@corp.co.uk',
    "o'brien@example.org",
    'A_B-c@sub.domain.io',
  ])('should accept %s when it is a plain dot-atom mailbox', (address) => {
    expect(isValidEmail(address)).toBe(true);
  });

  it.each([
    ['"victim@corp.com x"@evil.example', 'quoted local part with a space'],
    ['user@good-corp.com(x)evil.com', 'comment'],
    ['a@b.com, c@d.com', 'address list'],
    ['a@b.com\r\nBcc: x@y.com', 'CRLF header injection'],
    ['a@b.com\nBcc: x@y.com', 'bare LF'],
    ['<a@b.com>', 'angle brackets'],
    ['Jane <a@b.com>', 'display name'],
    ['a@[127.0.0.1]', 'IP literal'],
    ['a@127.0.0.1', 'dotted-quad domain'],
    ['a@[IPv6:::1]', 'IPv6 literal'],
    ['josé@example.com', 'Unicode local part'],
    ['user@exämple.com', 'Unicode domain'],
    ['', 'empty string'],
    [' a@b.com', 'leading space'],
    ['a@b.com ', 'trailing space'],
    ['a..b@example.com', 'double dot'],
    ['.a@example.com', 'leading dot'],
    ['a.@example.com', 'trailing dot'],
    ['a@b@example.com', 'two @'],
    ['a@localhost', 'single-label domain'],
    ['a@-bad.example.com', 'label starting with hyphen'],
    ['a@example.c', 'one-letter TLD'],
    ['a%b@example.com', 'source-route percent'],
    ['a@example.com\u2028', 'line separator'],
  ])('should reject %j when it contains a %s', (address) => {
    expect(isValidEmail(address)).toBe(false);
  });

  it('should reject an address when it is 320 characters long', () => {
    const address = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(61)}.com`;
    expect(address.length).toBeGreaterThan(EMAIL_MAX_LENGTH);
    expect(emailProblem(address)).toBe('too_long');
  });

  it('should reject a local part when it is longer than 64 characters', () => {
    expect(emailProblem(`${'a'.repeat(65)}@example.com`)).toBe('local_part');
  });

  it('should answer quickly when given a long hostile string', () => {
    const started = Date.now();
    expect(isValidEmail(`${'a.'.repeat(120)}@${'-'.repeat(120)}`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(50);
  });
});

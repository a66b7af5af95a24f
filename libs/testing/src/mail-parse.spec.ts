import { decodeWords, parseMail } from './mail-parse';

describe('parseMail', () => {
  it('should pick the text/plain and text/html parts when the mail is multipart', () => {
    const raw = [
      'Subject: =?UTF-8?Q?Deal_=E2=9C=93?=',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'caf=C3=A9 line that is so=',
      'ft-broken',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('<p>café</p>').toString('base64'),
      '--b1--',
      '',
    ].join('\r\n');
    expect(parseMail(raw)).toMatchObject({ subject: 'Deal ✓', text: 'café line that is soft-broken', html: '<p>café</p>' });
  });

  it('should unfold a header when it continues on the next line', () => {
    const mail = parseMail('Subject: first part\r\n second part\r\nX-Other: y\r\n\r\nbody\r\n');
    expect(mail.subject).toBe('first part second part');
    expect(mail.headers['x-other']).toBe('y');
    expect(mail.text).toBe('body');
  });

  it('should keep a __proto__ header as data when a mail carries one', () => {
    const mail = parseMail('__proto__: polluted\r\n\r\nx');
    expect(mail.headers['__proto__']).toBe('polluted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('decodeWords', () => {
  it('should join adjacent encoded words when only blanks separate them', () => {
    const a = Buffer.from('Müller ').toString('base64');
    const b = Buffer.from('Pharma').toString('base64');
    expect(decodeWords(`=?UTF-8?B?${a}?= =?UTF-8?B?${b}?=`)).toBe('Müller Pharma');
  });

  it('should leave a plain value unchanged when it has no encoded word', () => {
    expect(decodeWords('Plain subject')).toBe('Plain subject');
  });
});

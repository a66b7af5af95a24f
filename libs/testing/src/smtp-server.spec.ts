import { createTransport, type Transporter } from 'nodemailer';
import { startSmtpServer, type TestSmtpServer } from './smtp-server';
import { TEST_TLS } from './test-tls';

describe('startSmtpServer', () => {
  let server: TestSmtpServer;
  let transport: Transporter;

  beforeEach(async () => {
    server = await startSmtpServer();
    transport = createTransport({ host: server.host, port: server.port, secure: false, ignoreTLS: true });
  });

  afterEach(async () => {
    transport.close();
    await server.close();
  });

  it('should record envelope, subject and text when nodemailer sends a mail', async () => {
    await transport.sendMail({
      from: 'alerts@pharma-radar.example',
      to: 'analyst@biotech.example',
      bcc: 'audit@biotech.example',
      subject: 'Novartis and Isomorphic Labs expand AI drug discovery deal',
      text: 'New collaboration detected.\nScore: 0.92',
    });
    expect(server.url).toBe(`smtp://127.0.0.1:${server.port}`);
    expect(server.messages).toHaveLength(1);
    const [mail] = server.messages;
    expect(mail.from).toBe('alerts@pharma-radar.example');
    expect(mail.to).toEqual(['analyst@biotech.example', 'audit@biotech.example']);
    expect(mail.subject).toBe('Novartis and Isomorphic Labs expand AI drug discovery deal');
    expect(mail.text).toBe('New collaboration detected.\nScore: 0.92');
    expect(mail.headers['bcc']).toBeUndefined();
    expect(mail.raw).toContain('Subject: Novartis');
  });

  it('should decode the subject and the text when they are not ASCII', async () => {
    await transport.sendMail({
      from: 'alerts@pharma-radar.example',
      to: 'analyst@biotech.example',
      subject: 'Zusammenarbeit: Bayer – Müller Pharma ✓',
      text: `Größere Kooperation angekündigt. ${'lang '.repeat(30)}`,
      html: '<p>Größere <b>Kooperation</b></p>',
    });
    const [mail] = server.messages;
    expect(mail.subject).toBe('Zusammenarbeit: Bayer – Müller Pharma ✓');
    expect(mail.text).toBe(`Größere Kooperation angekündigt. ${'lang '.repeat(30)}`);
    expect(mail.html).toBe('<p>Größere <b>Kooperation</b></p>');
  });

  it('should make the next send reject with responseCode 550 when failNext(550) was called', async () => {
    server.failNext(550, 'Mailbox unavailable');
    const mail = { from: 'alerts@pharma-radar.example', to: 'gone@biotech.example', subject: 'x', text: 'x' };
    await expect(transport.sendMail(mail)).rejects.toMatchObject({ responseCode: 550 });
    expect(server.messages).toHaveLength(0);

    await transport.sendMail(mail);
    expect(server.messages).toHaveLength(1);
  });

  it('should reject at DATA with responseCode 451 when the failure is for the data stage', async () => {
    server.failNext(451, 'Try later', 'data');
    const mail = { from: 'alerts@pharma-radar.example', to: 'analyst@biotech.example', subject: 'x', text: 'x' };
    await expect(transport.sendMail(mail)).rejects.toMatchObject({ responseCode: 451, command: 'DATA' });
    expect(server.messages).toHaveLength(0);
  });
});

describe('startSmtpServer with auth', () => {
  it('should accept the configured credentials and refuse others', async () => {
    const server = await startSmtpServer({ auth: { user: 'radar', pass: 's3cret' } });
    const mail = { from: 'alerts@pharma-radar.example', to: 'analyst@biotech.example', subject: 'x', text: 'x' };
    const good = createTransport({ host: server.host, port: server.port, ignoreTLS: true, auth: { user: 'radar', pass: 's3cret' } });
    const bad = createTransport({ host: server.host, port: server.port, ignoreTLS: true, auth: { user: 'radar', pass: 'wrong' } });
    try {
      await good.sendMail(mail);
      await expect(bad.sendMail(mail)).rejects.toMatchObject({ responseCode: 535 });
      expect(server.messages).toHaveLength(1);
    } finally {
      good.close();
      bad.close();
      await server.close();
    }
  });
});

describe('startSmtpServer failure stages and STARTTLS', () => {
  const mail = { from: 'alerts@pharma-radar.example', to: 'analyst@biotech.example', subject: 'x', text: 'x' };

  it.each([
    ['connect', 421],
    ['mail', 450],
  ] as const)('should answer the next %s with %d once, then accept', async (stage, code) => {
    const server = await startSmtpServer();
    const transport = createTransport({ host: server.host, port: server.port, ignoreTLS: true });
    try {
      server.failNext(code, undefined, stage);
      await expect(transport.sendMail(mail)).rejects.toMatchObject({ message: expect.stringContaining(String(code)) });
      await transport.sendMail(mail);
      expect(server.messages).toHaveLength(1);
    } finally {
      transport.close();
      await server.close();
    }
  });

  it('should upgrade with STARTTLS to a client that trusts TEST_TLS and require it of clients that insist', async () => {
    const server = await startSmtpServer({ starttls: true });
    const trusting = createTransport({ host: server.host, port: server.port, requireTLS: true, tls: { ca: TEST_TLS.cert } });
    const distrusting = createTransport({ host: server.host, port: server.port, requireTLS: true });
    try {
      await trusting.sendMail(mail);
      expect(server.messages).toHaveLength(1);
      await expect(distrusting.sendMail(mail)).rejects.toBeDefined();
      expect(server.messages).toHaveLength(1);
    } finally {
      trusting.close();
      distrusting.close();
      await server.close();
    }
  });
});

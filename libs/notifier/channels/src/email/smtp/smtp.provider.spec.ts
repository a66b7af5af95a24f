import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { renderAlert, type AlertMessage } from '@pharma-radar/notifier-subscriptions';
import { TEST_TLS } from '@pharma-radar/testing';
import { DeliveryCode } from '../../provider';
import { classifySmtpError, messageIdFor, SmtpProvider } from './smtp.provider';

interface Received {
  mailFrom: string;
  rcptTo: string[];
  raw: string;
}

/** Headers of a raw RFC 5322 message, unfolded, names lowercased; repeated names keep every value. */
function headersOf(raw: string): Array<[string, string]> {
  const head = raw.split('\r\n\r\n')[0].replace(/\r\n[ \t]+/g, ' ');
  return head.split('\r\n').map((line) => {
    const i = line.indexOf(':');
    return [line.slice(0, i).toLowerCase(), line.slice(i + 1).trim()] as [string, string];
  });
}
const header = (raw: string, name: string) => headersOf(raw).filter(([n]) => n === name).map(([, v]) => v);

type Hooks = Pick<SMTPServerOptions, 'onConnect' | 'onMailFrom' | 'onRcptTo' | 'onData' | 'onAuth'>;
const smtpError = (responseCode: number, text: string) => Object.assign(new Error(text), { responseCode });

/** A real smtp-server on 127.0.0.1 whose behaviour per phase is set by each test. */
async function startSmtp(hooks: Hooks = {}, extra: Partial<SMTPServerOptions> = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo: (address, session, cb) => cb(),
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
    ...hooks,
    ...extra,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A hand-rolled SMTP peer for faults smtp-server cannot produce: a silent banner, a drop after DATA. */
async function startRawPeer(mode: 'stall' | 'drop-after-data') {
  const sockets = new Set<Socket>();
  const server: NetServer = createNetServer((sock) => {
    sockets.add(sock);
    sock.on('error', () => undefined);
    if (mode === 'stall') return;
    sock.write('220 fake ESMTP\r\n');
    let buffer = '';
    let inData = false;
    sock.on('data', (d: Buffer) => {
      buffer += d.toString('latin1');
      let nl: number;
      while ((nl = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (inData) {
          if (line === '.') sock.destroy(); // message fully sent, no reply: the ambiguous case
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') sock.write('250-fake\r\n250 8BITMIME\r\n');
        else if (verb === 'DATA') {
          inData = true;
          sock.write('354 go ahead\r\n');
        } else sock.write('250 OK\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    stop: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const flagMessage = (partyName: string): AlertMessage =>
  renderAlert({
    collaborationId: 'c1', revision: 1, articleId: 'a1', title: 'AstraZeneca and Petrov Institute partner', url: 'https://news.example.com/a',
    source: null, publishedAt: null, ingestedAt: '2025-03-04T09:05:00Z', sources: [{ articleId: 'a1', url: null, source: null, publishedAt: null }],
    classification: {
      is_rd_collaboration: true, event_type: 'research_collaboration',
      parties: [{ name: 'AstraZeneca', type: 'pharma' }, { name: partyName, type: 'academic' }],
      therapeutic_areas: ['oncology'], modalities: [], geographies: [], financial_terms: null, confidence: 0.9, evidence: 'They will collaborate.', model_version: 'm1',
    },
  });

/** A pre-rendered message without a model (what a digest still is): the provider sends its parts as given. */
const legacy = (m: AlertMessage): AlertMessage => ({ subject: m.subject, text: m.text, html: m.html, slack: m.slack });

const FROM = 'alerts@pharma-radar.example';
const TO = 'analyst@bd-team.example';
const fast = { connectionMs: 1_000, greetingMs: 300, socketMs: 1_000, totalMs: 5_000 };

describe('SmtpProvider', () => {
  it('should deliver from, to, subject and a key-derived Message-ID when the server accepts', async () => {
    const smtp = await startSmtp();
    try {
      const provider = new SmtpProvider({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM, fromName: 'Pharma Radar', timeouts: fast });
      const message = flagMessage('N.N. Petrov Institute of Oncology');
      const result = await provider.send(message, { subscriberId: 'sub-1', email: TO }, { idempotencyKey: 'delivery:v1:sub-1:email:c1' });
      const expectedId = messageIdFor('delivery:v1:sub-1:email:c1', 'pharma-radar.example');
      expect(result).toEqual({ status: 'sent', providerMessageId: expectedId });
      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
      expect(mail.mailFrom).toBe(FROM);
      expect(mail.rcptTo).toEqual([TO]);
      expect(header(mail.raw, 'from')).toEqual([`Pharma Radar <${FROM}>`]);
      expect(header(mail.raw, 'to')).toEqual([TO]);
      expect(header(mail.raw, 'subject')).toEqual([message.subject]);
      expect(header(mail.raw, 'message-id')).toEqual([expectedId]);
      expect(mail.raw).toContain('multipart/alternative');
    } finally {
      await smtp.stop();
    }
  });

  it('should reuse the same Message-ID when a send is retried with the same key', async () => {
    const smtp = await startSmtp();
    try {
      const provider = new SmtpProvider({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM, timeouts: fast });
      const msg = flagMessage('Petrov Institute');
      await provider.send(msg, { subscriberId: 's', email: TO }, { idempotencyKey: 'k1' });
      await provider.send(msg, { subscriberId: 's', email: TO }, { idempotencyKey: 'k1' });
      await provider.send(msg, { subscriberId: 's', email: TO }, { idempotencyKey: 'k2' });
      const ids = smtp.received.map((m) => header(m.raw, 'message-id')[0]);
      expect(ids[0]).toBe(ids[1]);
      expect(ids[2]).not.toBe(ids[0]);
    } finally {
      await smtp.stop();
    }
  });

  it.each([
    ['rendered from a hostile party name', flagMessage('Deal\r\nBcc: attacker@evil.example'), 'R&D collaboration: AstraZeneca + Deal Bcc: attacker@evil.example (research_collaboration)'],
    ['given a raw subject with CRLF', { ...legacy(flagMessage('x')), subject: 'Deal\r\nBcc: attacker@evil.example\r\n\r\nbody' }, 'Deal Bcc: attacker@evil.example body'],
    ['given a raw subject with U+2028 and U+0085', { ...legacy(flagMessage('x')), subject: 'Deal\u2028Bcc: attacker@evil.example\u0085Cc: b@evil.example' }, 'Deal Bcc: attacker@evil.example Cc: b@evil.example'],
    ['given a raw subject with an encoded CRLF', { ...legacy(flagMessage('x')), subject: '=?UTF-8?B?RGVhbA0KQmNjOiBhdHRhY2tlckBldmlsLmV4YW1wbGU=?=' }, '= ?UTF-8?B?RGVhbA0KQmNjOiBhdHRhY2tlckBldmlsLmV4YW1wbGU= ?='],
  ])('should not produce a Bcc or extra recipient when the subject is %s', async (_label, message, subject) => {
    const smtp = await startSmtp();
    try {
      const provider = new SmtpProvider({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM, timeouts: fast });
      expect(await provider.send(message, { subscriberId: 's', email: TO })).toMatchObject({ status: 'sent' });
      const [mail] = smtp.received;
      expect(mail.rcptTo).toEqual([TO]);
      expect(header(mail.raw, 'bcc')).toEqual([]);
      expect(header(mail.raw, 'cc')).toEqual([]);
      // One plain ASCII line: nothing left for a mail client to decode into a line break.
      expect(header(mail.raw, 'subject')).toEqual([subject]);
    } finally {
      await smtp.stop();
    }
  });

  it.each(['a@b.com, c@d.com', 'a@b.com\r\nBcc: x@y.com', '<a@b.com>', 'a@[127.0.0.1]'])(
    'should reject without connecting when the recipient address is %j',
    async (email) => {
      const smtp = await startSmtp();
      try {
        const provider = new SmtpProvider({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM, timeouts: fast });
        expect(await provider.send(flagMessage('x'), { subscriberId: 's', email })).toMatchObject({ status: 'rejected', code: DeliveryCode.RecipientMissing });
        expect(smtp.received).toHaveLength(0);
      } finally {
        await smtp.stop();
      }
    },
  );

  it.each([
    ['onRcptTo', 450, 'retry', DeliveryCode.SmtpTransient],
    ['onRcptTo', 452, 'retry', DeliveryCode.SmtpTransient],
    ['onData', 451, 'retry', DeliveryCode.SmtpTransient],
    ['onConnect', 421, 'retry', DeliveryCode.SmtpTransient],
    ['onRcptTo', 550, 'rejected', DeliveryCode.SmtpRejected],
    ['onMailFrom', 553, 'rejected', DeliveryCode.SmtpRejected],
    ['onData', 554, 'rejected', DeliveryCode.SmtpRejected],
  ] as const)('should map a %s %d reply to %s', async (phase, code, status, deliveryCode) => {
    const fail = (cb: (err?: Error | null) => void) => cb(smtpError(code, `${code} rejected for <${TO}>`));
    const hooks: Hooks = {
      onConnect: phase === 'onConnect' ? (_s, cb) => fail(cb) : undefined,
      onMailFrom: phase === 'onMailFrom' ? (_a, _s, cb) => fail(cb) : undefined,
      onRcptTo: phase === 'onRcptTo' ? (_a, _s, cb) => fail(cb) : (_a, _s, cb) => cb(),
      ...(phase === 'onData' ? { onData: (stream, _s, cb) => { stream.resume(); stream.on('end', () => fail(cb)); } } : {}),
    };
    const smtp = await startSmtp(Object.fromEntries(Object.entries(hooks).filter(([, v]) => v)) as Hooks);
    try {
      const provider = new SmtpProvider({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM, timeouts: fast });
      const result = await provider.send(flagMessage('x'), { subscriberId: 's', email: TO });
      expect(result).toEqual({ status, code: deliveryCode, message: expect.stringContaining(String(code)) });
      // Server replies quoting the recipient are masked before they reach a log.
      expect(JSON.stringify(result)).not.toContain(TO);
    } finally {
      await smtp.stop();
    }
  });

  it('should reject for good when authentication fails with 535 over STARTTLS', async () => {
    const smtp = await startSmtp(
      { onAuth: (_auth, _s, cb) => cb(smtpError(535, 'Authentication credentials invalid')) },
      { authOptional: false, authMethods: ['PLAIN', 'LOGIN'], disabledCommands: [], key: TEST_TLS.key, cert: TEST_TLS.cert },
    );
    try {
      const provider = new SmtpProvider({ smtpUrl: `smtp://robot:wrong-secret@127.0.0.1:${smtp.port}`, from: FROM, tls: { ca: TEST_TLS.cert }, timeouts: fast });
      const result = await provider.send(flagMessage('x'), { subscriberId: 's', email: TO });
      expect(result).toMatchObject({ status: 'rejected', code: DeliveryCode.SmtpAuth });
      expect(JSON.stringify(result)).not.toContain('wrong-secret');
    } finally {
      await smtp.stop();
    }
  });

  it('should refuse to send credentials in clear when the server offers no STARTTLS', async () => {
    const auths: string[] = [];
    const smtp = await startSmtp(
      { onAuth: (auth, _s, cb) => { auths.push(String(auth.password)); cb(null, { user: 'robot' }); } },
      { authOptional: false, allowInsecureAuth: true, authMethods: ['PLAIN', 'LOGIN'] },
    );
    try {
      // No requireTls here: credentials in the URL are enough to demand TLS.
      const provider = new SmtpProvider({ smtpUrl: `smtp://robot:s3cret@127.0.0.1:${smtp.port}`, from: FROM, timeouts: fast });
      expect(await provider.send(flagMessage('x'), { subscriberId: 's', email: TO })).toMatchObject({ status: 'retry', code: DeliveryCode.SmtpTls });
      expect(auths).toEqual([]);
      expect(smtp.received).toHaveLength(0);
    } finally {
      await smtp.stop();
    }
  });

  it('should deliver with credentials once STARTTLS is up when the server offers it', async () => {
    const smtp = await startSmtp(
      { onAuth: (auth, session, cb) => cb(session.secure && auth.password === 's3cret' ? null : smtpError(535, 'no'), { user: 'robot' }) },
      { authOptional: false, authMethods: ['PLAIN', 'LOGIN'], disabledCommands: [], key: TEST_TLS.key, cert: TEST_TLS.cert },
    );
    try {
      const provider = new SmtpProvider({ smtpUrl: `smtp://robot:s3cret@127.0.0.1:${smtp.port}`, from: FROM, tls: { ca: TEST_TLS.cert }, timeouts: fast });
      expect(await provider.send(flagMessage('x'), { subscriberId: 's', email: TO })).toMatchObject({ status: 'sent' });
      expect(smtp.received).toHaveLength(1);
    } finally {
      await smtp.stop();
    }
  });

  it('should ask to retry when the connection drops after DATA', async () => {
    const peer = await startRawPeer('drop-after-data');
    try {
      const provider = new SmtpProvider({ smtpUrl: `smtp://127.0.0.1:${peer.port}`, from: FROM, timeouts: fast });
      expect(await provider.send(flagMessage('x'), { subscriberId: 's', email: TO }, { idempotencyKey: 'k' })).toMatchObject({ status: 'retry' });
    } finally {
      await peer.stop();
    }
  });

  it('should ask to retry within the greeting timeout when the banner stalls', async () => {
    const peer = await startRawPeer('stall');
    try {
      const provider = new SmtpProvider({ smtpUrl: `smtp://127.0.0.1:${peer.port}`, from: FROM, timeouts: fast });
      const started = Date.now();
      expect(await provider.send(flagMessage('x'), { subscriberId: 's', email: TO })).toMatchObject({ status: 'retry', code: DeliveryCode.Timeout });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await peer.stop();
    }
  });

  it('should ask to retry when STARTTLS fails certificate checks', async () => {
    // smtp-server offers STARTTLS with its built-in self-signed certificate, which must not be trusted.
    const smtp = await startSmtp({}, { disabledCommands: [] });
    try {
      const provider = new SmtpProvider({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM, requireTls: true, timeouts: fast });
      const result = await provider.send(flagMessage('x'), { subscriberId: 's', email: TO });
      expect(result).toMatchObject({ status: 'retry', code: DeliveryCode.SmtpTls });
      expect(smtp.received).toHaveLength(0);
    } finally {
      await smtp.stop();
    }
  });

  it('should refuse to send in clear when TLS is required but not offered', async () => {
    const smtp = await startSmtp();
    try {
      const provider = new SmtpProvider({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM, requireTls: true, timeouts: fast });
      expect(await provider.send(flagMessage('x'), { subscriberId: 's', email: TO })).toMatchObject({ status: 'retry', code: DeliveryCode.SmtpTls });
      expect(smtp.received).toHaveLength(0);
    } finally {
      await smtp.stop();
    }
  });

  it('should ask to retry when nothing listens on the port', async () => {
    const smtp = await startSmtp();
    await smtp.stop();
    const provider = new SmtpProvider({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM, timeouts: fast });
    expect(await provider.send(flagMessage('x'), { subscriberId: 's', email: TO })).toMatchObject({ status: 'retry', code: DeliveryCode.Network });
  });

  it('should ask to retry when the caller aborts a stalled send', async () => {
    const peer = await startRawPeer('stall');
    try {
      const provider = new SmtpProvider({ smtpUrl: `smtp://127.0.0.1:${peer.port}`, from: FROM, timeouts: { ...fast, greetingMs: 5_000 } });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 50);
      expect(await provider.send(flagMessage('x'), { subscriberId: 's', email: TO }, { signal: ac.signal })).toMatchObject({ status: 'retry', code: DeliveryCode.Aborted });
    } finally {
      await peer.stop();
    }
  });

  it.each(['http://127.0.0.1:25', 'not a url', 'smtp://'])('should fail fast at construction when smtpUrl is %j', (smtpUrl) => {
    expect(() => new SmtpProvider({ smtpUrl, from: FROM })).toThrow(/SMTP URL/);
  });

  it('should fail fast at construction when the unsubscribe links would not be https', () => {
    expect(() => new SmtpProvider({ smtpUrl: 'smtp://127.0.0.1:2525', from: FROM, links: { baseUrl: 'http://radar.example.com', secret: 'k'.repeat(32) } })).toThrow(/https/);
  });

  it('should fail fast at construction when from is not a plain address', () => {
    expect(() => new SmtpProvider({ smtpUrl: 'smtp://127.0.0.1:2525', from: 'Radar <a@b.com>' })).toThrow(/from address/);
  });
});

describe('classifySmtpError', () => {
  it.each([
    [{ code: 'ECONNECTION', message: 'Connection closed' }, 'retry', DeliveryCode.Network],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, 'retry', DeliveryCode.Timeout],
    [{ code: 'ETLS', message: 'STARTTLS failed' }, 'retry', DeliveryCode.SmtpTls],
    [{ code: 'ETLS', responseCode: 500, response: '500 command not recognized' }, 'retry', DeliveryCode.SmtpTls],
    [{ code: 'ESOCKET', message: 'self-signed certificate' }, 'retry', DeliveryCode.SmtpTls],
    [{ code: 'ESOCKET', message: 'read ECONNRESET' }, 'retry', DeliveryCode.Network],
    [{ code: 'EAUTH', message: 'Missing credentials' }, 'rejected', DeliveryCode.SmtpAuth],
    [{ code: 'EPROTOCOL', response: '421 4.3.2 shutting down' }, 'retry', DeliveryCode.SmtpTransient],
    [{ code: 'EENVELOPE', responseCode: 550, response: '550 no such user' }, 'rejected', DeliveryCode.SmtpRejected],
    ['a string', 'retry', DeliveryCode.Unknown],
  ])('should classify %j as %s', (err, status, code) => {
    expect(classifySmtpError(err)).toMatchObject({ status, code });
  });
});

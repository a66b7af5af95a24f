import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { parseMail } from './mail-parse';
import { TEST_TLS } from './test-tls';

export interface ReceivedMail {
  /** Envelope sender (MAIL FROM), not the From header. */
  from: string;
  /** Envelope recipients (RCPT TO), Bcc included. */
  to: string[];
  raw: string;
  subject: string;
  /** First text/plain part, decoded, "\n" line endings. */
  text: string;
  /** First text/html part, decoded; empty when the mail has none. */
  html: string;
  /** Top-level headers, names lower-cased. */
  headers: Record<string, string>;
}

/**
 * Where an injected failure answers: instead of the greeting of the next connection ('connect', e.g. 421),
 * at the next MAIL FROM, at the next RCPT TO, or after the next message body.
 */
export type SmtpFailureStage = 'connect' | 'mail' | 'rcpt' | 'data';

export interface SmtpServerOptions {
  /** Require AUTH with exactly these credentials; without it any client is accepted. */
  auth?: { user: string; pass: string };
  /** Advertised SIZE limit; a larger message is answered 552. */
  maxSizeBytes?: number;
  /** Offer STARTTLS with TEST_TLS (trust `TEST_TLS.cert` as the CA); without it the server is plain text only. */
  starttls?: boolean;
  /** Listen on this port (a restarted server); default: one the OS picks. */
  port?: number;
  /** Waits this long before the greeting, as a busy or tarpitting server does. */
  greetingDelayMs?: number;
}

export interface TestSmtpServer {
  host: '127.0.0.1';
  port: number;
  /** `smtp://127.0.0.1:<port>` */
  url: string;
  /** Every accepted message, in arrival order. */
  messages: ReceivedMail[];
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** Makes the next greeting, MAIL FROM, RCPT TO (default) or DATA answer `code` (421/450/451 temporary, 550 permanent...), once. */
  failNext(code: number, message?: string, stage?: SmtpFailureStage): void;
  close(): Promise<void>;
}

interface Failure {
  code: number;
  message: string;
}

function smtpError({ code, message }: Failure): Error {
  // smtp-server answers with err.responseCode; nodemailer surfaces it as responseCode on its rejection.
  return Object.assign(new Error(message), { responseCode: code });
}

/** Starts a plain-text (no TLS) SMTP server on 127.0.0.1 with a random port that records every message. */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const pending: Record<SmtpFailureStage, Failure[]> = { connect: [], mail: [], rcpt: [], data: [] };
  let connections = 0;

  const config: SMTPServerOptions = {
    secure: false,
    disabledCommands: options.starttls ? [] : ['STARTTLS'],
    ...(options.starttls ? { key: TEST_TLS.key, cert: TEST_TLS.cert } : {}),
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    size: options.maxSizeBytes,
    // Default is 30 s, which a test's afterAll would sit through for any idle client.
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      const expected = options.auth;
      if (expected && (auth.username !== expected.user || auth.password !== expected.pass)) {
        callback(smtpError({ code: 535, message: 'Authentication credentials invalid' }));
        return;
      }
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onConnect(_session, callback) {
      connections++;
      const failure = pending.connect.shift();
      const answer = () => callback(failure ? smtpError(failure) : null);
      if (options.greetingDelayMs) setTimeout(answer, options.greetingDelayMs);
      else answer();
    },
    onMailFrom(_address, _session, callback) {
      const failure = pending.mail.shift();
      callback(failure ? smtpError(failure) : null);
    },
    onRcptTo(_address, _session, callback) {
      const failure = pending.rcpt.shift();
      callback(failure ? smtpError(failure) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(smtpError({ code: 552, message: 'Message exceeds the size limit' }));
          return;
        }
        const failure = pending.data.shift();
        if (failure) {
          callback(smtpError(failure));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const mailFrom = session.envelope.mailFrom;
        messages.push({
          from: mailFrom ? mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parseMail(raw),
        });
        callback(null);
      });
    },
  };

  const server = new SMTPServer(config);
  // Client resets are normal in failure tests; without a listener they would crash the test process.
  server.on('error', () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get connections() {
      return connections;
    },
    failNext(code, message, stage = 'rcpt') {
      pending[stage].push({ code, message: message ?? (code >= 500 ? 'Rejected by test server' : 'Try again later (test server)') });
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

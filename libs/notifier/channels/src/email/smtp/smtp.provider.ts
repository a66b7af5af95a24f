import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { AppError, ErrorCode } from '@pharma-radar/contracts';
import { emailSubject, isValidEmail, maskEmail, RENDER_LIMITS, type AlertMessage } from '@pharma-radar/notifier-subscriptions';
import { assertLinkSettings, feedbackUrls, unsubscribeUrl, type LinkSettings } from '../../links/signed-link';
import { emailContent, listUnsubscribeHeaders, type EmailContent } from './email.serializer';
import { DeliveryCode, rejected, retry, type ChannelProvider, type DeliveryResult, type Recipient, type SendOptions } from '../../provider';

export interface SmtpProviderOptions {
  /** smtp://[user:pass@]host:port (STARTTLS when offered) or smtps://… (TLS from the first byte). */
  smtpUrl: string;
  /** Envelope and header sender, a bare address. */
  from: string;
  fromName?: string;
  /**
   * Refuse to send without STARTTLS. Always on when the URL carries credentials (they must never cross
   * the wire in clear); without credentials, local fakes may run without TLS.
   */
  requireTls?: boolean;
  /** Extra CA to trust (an internal relay with a private CA; the tests' self-signed certificate). */
  tls?: { ca?: string | Buffer };
  /**
   * Where the signed unsubscribe and feedback links point. With it every mail carries List-Unsubscribe
   * (https, plus mailto when `unsubscribeMailto` is set) and List-Unsubscribe-Post (RFC 8058).
   */
  links?: LinkSettings;
  /** A bare address that handles "unsubscribe <token>" mails, for clients without one-click. */
  unsubscribeMailto?: string;
  now?: () => number;
  /**
   * Connections kept open and shared by sends (nodemailer's pool), each replaced after `maxMessages`. Without it (or
   * with 0 connections) every send opens its own connection and says QUIT.
   */
  pool?: { maxConnections: number; maxMessages?: number };
  /** Each phase has its own deadline so a stalled banner or a silent server cannot hold a send forever. */
  timeouts?: { connectionMs?: number; greetingMs?: number; socketMs?: number; totalMs?: number };
}

export const SMTP_DEFAULTS = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000, totalMs: 60_000 } as const;
/** A pooled connection is closed and replaced after this many messages (nodemailer's default), so none lives forever. */
export const SMTP_POOL_MAX_MESSAGES = 100;

const AUTH_CODES = new Set([530, 534, 535]);
// nodemailer reports certificate failures as ESOCKET; the message is all that tells them apart.
const TLS_HINT = /certificate|self[- ]signed|tls|ssl|handshake/i;
const NETWORK_CODES = new Set(['ECONNECTION', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EPROTOCOL', 'ESTREAM']);

/**
 * SMTP through nodemailer. With `pool`, sends share a few open connections: a connection per send costs a TCP
 * handshake, the banner and EHLO each time (about 170 ms of a send's 180 ms at 130 alerts/s here, and the whole
 * send rate against a server that is slow to greet). A pooled connection the server dropped fails that send as a
 * network error, which is retried like any other, and the pool opens a new one.
 */
export class SmtpProvider implements ChannelProvider {
  readonly channel = 'email' as const;
  private readonly transporter: Transporter<SMTPTransport.SentMessageInfo>;
  private readonly totalMs: number;
  private readonly fromDomain: string;

  constructor(private readonly options: SmtpProviderOptions) {
    if (!isValidEmail(options.from)) throw new AppError(ErrorCode.ConfigInvalid, 'SMTP from address is invalid');
    this.fromDomain = options.from.slice(options.from.indexOf('@') + 1);
    const t = { ...SMTP_DEFAULTS, ...options.timeouts };
    this.totalMs = t.totalMs;
    if (options.links) {
      assertLinkSettings(options.links);
      // RFC 8058 one-click needs https; refused here so send() can never throw on it later.
      if (!options.links.baseUrl.startsWith('https://')) throw new AppError(ErrorCode.ConfigInvalid, 'email links need an https base URL (RFC 8058)');
    }
    if (options.unsubscribeMailto !== undefined && !isValidEmail(options.unsubscribeMailto)) throw new AppError(ErrorCode.ConfigInvalid, 'unsubscribe mailto address is invalid');
    const transport = parseSmtpUrl(options.smtpUrl);
    const pooled = (options.pool?.maxConnections ?? 0) > 0;
    this.transporter = nodemailer.createTransport({
      ...transport,
      ...(pooled ? { pool: true, maxConnections: options.pool!.maxConnections, maxMessages: options.pool!.maxMessages ?? SMTP_POOL_MAX_MESSAGES } : {}),
      requireTLS: (options.requireTls ?? false) || transport.auth !== undefined,
      ...(options.tls?.ca ? { tls: { ca: options.tls.ca } } : {}),
      connectionTimeout: t.connectionMs,
      greetingTimeout: t.greetingMs,
      socketTimeout: t.socketMs,
      dnsTimeout: t.connectionMs,
      // Message content is never a path or a URL to fetch: close nodemailer's file and URL loaders.
      disableFileAccess: true,
      disableUrlAccess: true,
      logger: false,
    });
  }

  async send(message: AlertMessage, recipient: Recipient, opts: SendOptions = {}): Promise<DeliveryResult> {
    const to = recipient.email;
    if (!to) return rejected(DeliveryCode.RecipientMissing, 'recipient has no email address');
    // Stored addresses are re-checked: a string like "a@b.com, c@d.com" must never reach the envelope.
    if (!isValidEmail(to)) return rejected(DeliveryCode.RecipientMissing, `recipient address ${maskEmail(to)} is invalid`);
    if (opts.signal?.aborted) return retry(DeliveryCode.Aborted, 'send aborted before start');

    const { content, headers } = this.render(message, recipient.subscriberId);
    const sending = this.transporter.sendMail({
      from: this.options.fromName ? { name: this.options.fromName, address: this.options.from } : this.options.from,
      to: { name: '', address: to },
      envelope: { from: this.options.from, to: [to] },
      // The renderer already cleaned it; cleaned again because any AlertMessage may reach a provider.
      subject: emailSubject(content.subject, RENDER_LIMITS.subject),
      text: content.text,
      html: content.html,
      headers,
      ...(opts.idempotencyKey ? { messageId: messageIdFor(opts.idempotencyKey, this.fromDomain) } : {}),
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    try {
      const info = await withDeadline(sending, this.totalMs, opts.signal);
      return { status: 'sent', providerMessageId: info.messageId };
    } catch (err) {
      return classifySmtpError(err);
    }
  }

  /** The mail rendered beside this provider, with its signed links; pre-rendered parts only for messages without a model. */
  render(message: AlertMessage, subscriberId: string): { content: EmailContent; headers: Record<string, string> } {
    const links = this.options.links;
    const now = (this.options.now ?? Date.now)();
    const unsubscribe = links ? unsubscribeUrl(links, subscriberId, 'email', now) : undefined;
    const headers = unsubscribe
      ? listUnsubscribeHeaders({ https: unsubscribe, ...(this.options.unsubscribeMailto ? { mailto: unsubscribeMailto(this.options.unsubscribeMailto, unsubscribe) } : {}) })
      : {};
    if (!message.alert) return { content: { subject: message.subject, text: message.text, html: message.html }, headers };
    const feedback = links ? feedbackUrls(links, subscriberId, message.alert.collaborationId, now) : undefined;
    return { content: emailContent(message.alert, { ...(feedback ? { feedback } : {}), ...(unsubscribe ? { unsubscribe } : {}) }), headers };
  }

  /** Closes idle sockets; in-flight sends finish or time out on their own. */
  close(): void {
    this.transporter.close();
  }
}

/**
 * Message-ID derived from the idempotency key, so a send retried after a lost acknowledgement carries
 * the same id and receiving systems (and our own logs) can recognise the duplicate.
 */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@${domain}>`;
}

/** mailto: carrying the same signed token as the https link, so either path proves the same thing. */
function unsubscribeMailto(address: string, httpsUrl: string): string {
  const token = new URL(httpsUrl).searchParams.get('token') ?? '';
  return `mailto:${address}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`;
}

function parseSmtpUrl(smtpUrl: string): SMTPTransport.Options {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new AppError(ErrorCode.ConfigInvalid, 'SMTP URL is not a URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new AppError(ErrorCode.ConfigInvalid, 'SMTP URL must use smtp: or smtps:');
  const secure = url.protocol === 'smtps:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new AppError(ErrorCode.ConfigInvalid, 'SMTP URL has no host');
  return {
    host,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
  };
}

class DeadlineError extends Error {
  constructor(readonly kind: 'timeout' | 'aborted') {
    super(kind);
  }
}

function withDeadline<T>(work: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => finish(() => reject(new DeadlineError('aborted')));
    const timer = setTimeout(() => finish(() => reject(new DeadlineError('timeout'))), ms);
    let done = false;
    function finish(then: () => void) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      then();
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then((v) => finish(() => resolve(v)), (e: unknown) => finish(() => reject(e)));
  });
}

interface SmtpErrorLike {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** 4xx and connection trouble can heal; 5xx and authentication failures will not without a human. */
export function classifySmtpError(err: unknown): DeliveryResult {
  if (err instanceof DeadlineError) {
    return err.kind === 'aborted' ? retry(DeliveryCode.Aborted, 'send aborted') : retry(DeliveryCode.Timeout, 'SMTP send exceeded its deadline');
  }
  const e = (typeof err === 'object' && err !== null ? err : {}) as SmtpErrorLike;
  const text = maskAddresses(String(e.response ?? e.message ?? 'SMTP error').slice(0, 500)).slice(0, 300);
  // A TLS failure is our relay's problem, not this recipient's: retry even when it came with a 5xx reply.
  if (e.code === 'ETLS' || (e.code === 'ESOCKET' && TLS_HINT.test(e.message ?? ''))) return retry(DeliveryCode.SmtpTls, text);
  const status = e.responseCode ?? leadingStatus(e.response);
  if (status !== undefined && status >= 400) {
    if (AUTH_CODES.has(status)) return rejected(DeliveryCode.SmtpAuth, text);
    if (status < 500) return retry(DeliveryCode.SmtpTransient, text);
    return rejected(DeliveryCode.SmtpRejected, text);
  }
  switch (e.code) {
    case 'EAUTH':
      return rejected(DeliveryCode.SmtpAuth, text);
    case 'ETIMEDOUT':
      return retry(DeliveryCode.Timeout, text);
    case 'EENVELOPE':
    case 'EMESSAGE':
      return rejected(DeliveryCode.SmtpRejected, text);
    default:
      return e.code && NETWORK_CODES.has(e.code) ? retry(DeliveryCode.Network, text) : retry(DeliveryCode.Unknown, text);
  }
}

function leadingStatus(response: string | undefined): number | undefined {
  const m = /^([2-5]\d\d)[\s-]/.exec(response ?? '');
  return m ? Number(m[1]) : undefined;
}

// Server replies often quote the recipient ("550 <bob@corp.com> unknown"): keep logs free of addresses.
function maskAddresses(text: string): string {
  return text.replace(/[^\s<>@,;:"]+@[^\s<>@,;:"]+/g, (m) => maskEmail(m));
}

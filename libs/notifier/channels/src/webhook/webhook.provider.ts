import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { genericWebhookUrlProblem, maskSecret, type AlertMessage } from '@pharma-radar/notifier-subscriptions';
import { retryAfterMs, scrubUrl } from '../http/http-answer';
import { assertLinkSettings, feedbackUrls, type LinkSettings } from '../links/signed-link';
import { DeliveryCode, rejected, retry, type ChannelProvider, type DeliveryResult, type Recipient, type SendOptions } from '../provider';
import { BlockedAddressError, publicOnlyLookup } from './address-policy';
import { signWebhook } from './webhook-signature';
import { webhookAlertV1, webhookDigestV1, webhookJson } from './webhook.serializer';

export interface WebhookProviderOptions {
  /** Resolves a subscriber's `webhookSecret` reference to the signing secret; undefined when unknown. */
  resolveSecret: (ref: string) => string | Buffer | undefined;
  timeoutMs?: number;
  /** Used when a 429 carries no usable Retry-After. */
  defaultRetryAfterMs?: number;
  /**
   * Extra accepted URL prefixes (http allowed, private addresses allowed) — tests and the embedded mode
   * only, e.g. 'http://127.0.0.1:4010/'. Never configure this in production.
   */
  allowedWebhookPrefixes?: readonly string[];
  /** Where the signed feedback links point; without it the body has no `feedback`. */
  links?: LinkSettings;
  now?: () => number;
  /** DNS lookup, injected in tests; every address it returns is checked before connecting. */
  lookup?: LookupFunction;
  userAgent?: string;
}

export const WEBHOOK_DEFAULTS = { timeoutMs: 10_000, defaultRetryAfterMs: 30_000, maxResponseBytes: 4_096, userAgent: 'PharmaRadar-Webhook/1' } as const;

/** A subscriber's own endpoint: POST the versioned JSON alert, signed with the subscriber's secret. */
export class WebhookProvider implements ChannelProvider {
  readonly channel = 'webhook' as const;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly lookup: LookupFunction;

  constructor(private readonly options: WebhookProviderOptions) {
    if (options.links) assertLinkSettings(options.links);
    this.timeoutMs = options.timeoutMs ?? WEBHOOK_DEFAULTS.timeoutMs;
    this.now = options.now ?? Date.now;
    this.lookup = publicOnlyLookup(options.lookup);
  }

  async send(message: AlertMessage, recipient: Recipient, opts: SendOptions = {}): Promise<DeliveryResult> {
    const url = recipient.webhookUrl;
    if (!url) return rejected(DeliveryCode.RecipientMissing, 'recipient has no webhook URL');
    const policy = { allowedWebhookPrefixes: this.options.allowedWebhookPrefixes };
    // Re-checked at send time: stored data may predate a tightened rule.
    const problem = genericWebhookUrlProblem(url, policy);
    if (problem) return rejected(DeliveryCode.WebhookUrlRefused, `webhook URL refused (${problem})`);
    if (!recipient.webhookSecret) return rejected(DeliveryCode.RecipientMissing, 'recipient has no webhook secret reference');
    const secret = this.options.resolveSecret(recipient.webhookSecret);
    // Our configuration, not the subscriber's endpoint: retry once the secret store knows it.
    if (secret === undefined || Buffer.byteLength(secret) === 0) return retry(DeliveryCode.WebhookSecretMissing, 'webhook secret reference did not resolve');
    // A receiver gets structure, never pre-rendered text. A message without models is our bug, not the
    // subscriber's: retried (and dead-lettered for replay after the fix), never a refusal that disables the channel.
    if (!message.alert && !message.digest) return retry(DeliveryCode.MessageUnsupported, 'message carries no alert model for the webhook');
    if (opts.signal?.aborted) return retry(DeliveryCode.Aborted, 'send aborted before start');

    const now = this.now();
    const sentAt = new Date(now).toISOString();
    const alert = message.alert;
    const id = opts.idempotencyKey ?? `${recipient.subscriberId}:${alert ? alert.collaborationId : `digest:${sentAt}`}`;
    let body: string;
    if (alert) {
      const feedback = this.options.links ? feedbackUrls(this.options.links, recipient.subscriberId, alert.collaborationId, now) : undefined;
      body = webhookJson(webhookAlertV1(alert, { id, subscriberId: recipient.subscriberId, sentAt, ...(feedback ? { feedback } : {}) }));
    } else {
      body = webhookJson(webhookDigestV1(message.digest!, { id, subscriberId: recipient.subscriberId, sentAt }));
    }
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': this.options.userAgent ?? WEBHOOK_DEFAULTS.userAgent,
      'idempotency-key': id,
      ...signWebhook(secret, body, now),
    };
    const trusted = (this.options.allowedWebhookPrefixes ?? []).some((p) => url.startsWith(p));
    const target = maskSecret(url);
    const answer = await this.post(new URL(url), headers, body, trusted, opts.signal);
    switch (answer.kind) {
      case 'answer':
        return this.classify(answer.status, answer.retryAfter, target, id);
      case 'timeout':
        return retry(DeliveryCode.Timeout, `no answer from ${target} within ${this.timeoutMs} ms`);
      case 'aborted':
        return retry(DeliveryCode.Aborted, 'send aborted');
      case 'blocked':
        return rejected(DeliveryCode.WebhookUrlRefused, `${target}: host resolves to a non-public address`);
      case 'error':
        return retry(DeliveryCode.Network, `${target}: ${scrubUrl(answer.message, url)}`);
    }
  }

  private classify(status: number, retryAfter: string | null, target: string, id: string): DeliveryResult {
    if (status >= 200 && status < 300) return { status: 'sent', providerMessageId: id };
    if (status === 429) {
      return retry(DeliveryCode.WebhookRateLimited, `${target}: 429 rate limited`, retryAfterMs(retryAfter, this.now()) ?? this.options.defaultRetryAfterMs ?? WEBHOOK_DEFAULTS.defaultRetryAfterMs);
    }
    if (status >= 500 || status === 408 || status === 425) return retry(DeliveryCode.WebhookServerError, `${target}: ${status}`, retryAfterMs(retryAfter, this.now()));
    if (status === 404 || status === 410) return rejected(DeliveryCode.WebhookGone, `${target}: ${status} endpoint gone`);
    if (status === 401 || status === 403) return rejected(DeliveryCode.WebhookUnauthorized, `${target}: ${status} signature or credentials refused`);
    if (status >= 300 && status < 400) return rejected(DeliveryCode.WebhookRedirect, `${target}: unexpected redirect ${status}`);
    return rejected(DeliveryCode.WebhookRejected, `${target}: ${status}`);
  }

  private post(url: URL, headers: Record<string, string>, body: string, trusted: boolean, signal?: AbortSignal): Promise<Answer> {
    return new Promise<Answer>((resolve) => {
      let settled = false;
      const settle = (a: Answer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        req.destroy();
        resolve(a);
      };
      const onAbort = () => settle({ kind: 'aborted' });
      const lib = url.protocol === 'https:' ? https : http;
      const req = lib.request({
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        // No pooling: each send checks the address it connects to; test prefixes skip the public-only rule.
        agent: false,
        ...(trusted ? {} : { lookup: this.lookup }),
      });
      const timer = setTimeout(() => settle({ kind: 'timeout' }), this.timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('response', (res) => {
        // Only the status and Retry-After decide; the body is drained up to a cap and dropped.
        let read = 0;
        res.on('data', (c: Buffer) => {
          read += c.length;
          if (read > WEBHOOK_DEFAULTS.maxResponseBytes) res.destroy();
        });
        const done = () => settle({ kind: 'answer', status: res.statusCode ?? 0, retryAfter: headerOf(res.headers['retry-after']) });
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err instanceof BlockedAddressError || err.code === 'EBLOCKEDADDRESS') settle({ kind: 'blocked' });
        else settle({ kind: 'error', message: `${err.code ?? 'ERROR'}: ${err.message}` });
      });
      req.end(body);
    });
  }
}

type Answer =
  | { kind: 'answer'; status: number; retryAfter: string | null }
  | { kind: 'timeout' }
  | { kind: 'aborted' }
  | { kind: 'blocked' }
  | { kind: 'error'; message: string };

function headerOf(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

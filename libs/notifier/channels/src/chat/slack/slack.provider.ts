import { maskSecret, webhookUrlProblem, type AlertMessage } from '@pharma-radar/notifier-subscriptions';
import { describeFetchError as describe, readCapped, retryAfterMs, scrubUrl as scrub } from '../../http/http-answer';
import { slackCard, type SlackCard } from './slack-blocks.serializer';
import { assertLinkSettings, feedbackUrls, type LinkSettings } from '../../links/signed-link';
import { DeliveryCode, rejected, retry, type ChannelProvider, type DeliveryResult, type Recipient, type SendOptions } from '../../provider';

export interface SlackProviderOptions {
  /** Per-request deadline; a webhook that answers later is treated as transient. */
  timeoutMs?: number;
  /**
   * Extra accepted webhook prefixes besides https://hooks.slack.com/services/… — for tests and the
   * embedded mode only (e.g. 'http://127.0.0.1:4010/'). Never configure this in production.
   */
  allowedWebhookPrefixes?: readonly string[];
  /** Used when a 429 carries no usable Retry-After. */
  defaultRetryAfterMs?: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Where the signed "relevant / not relevant" links point; without it the card has no feedback buttons. */
  links?: LinkSettings;
  /** Clock for link expiry; injected in tests. */
  now?: () => number;
}

export const SLACK_DEFAULTS = { timeoutMs: 10_000, defaultRetryAfterMs: 30_000, maxRetryAfterMs: 3_600_000, maxResponseBytes: 4_096 } as const;

/** Kept here for existing importers; the parser lives in http/http-answer.ts. */
export { retryAfterMs };

// Slack answers webhook failures with a short plain-text slug; the ones that will never succeed.
const PERMANENT: Record<string, DeliveryCode> = {
  invalid_token: DeliveryCode.SlackInvalidToken,
  no_service: DeliveryCode.SlackNoService,
  no_service_id: DeliveryCode.SlackNoService,
  no_team: DeliveryCode.SlackNoService,
  team_disabled: DeliveryCode.SlackNoService,
  channel_is_archived: DeliveryCode.SlackChannelArchived,
  channel_not_found: DeliveryCode.SlackRejected,
  action_prohibited: DeliveryCode.SlackRejected,
  posting_to_general_channel_denied: DeliveryCode.SlackRejected,
  invalid_payload: DeliveryCode.SlackInvalidPayload,
  too_many_attachments: DeliveryCode.SlackInvalidPayload,
};
const STATUS_FALLBACK: Record<number, DeliveryCode> = {
  400: DeliveryCode.SlackInvalidPayload,
  403: DeliveryCode.SlackInvalidToken,
  404: DeliveryCode.SlackNoService,
  410: DeliveryCode.SlackChannelArchived,
};

/** Slack incoming webhook: POST {text, blocks}; the URL itself is the credential. */
export class SlackWebhookProvider implements ChannelProvider {
  readonly channel = 'slack' as const;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: SlackProviderOptions = {}) {
    if (options.links) assertLinkSettings(options.links);
    this.timeoutMs = options.timeoutMs ?? SLACK_DEFAULTS.timeoutMs;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async send(message: AlertMessage, recipient: Recipient, opts: SendOptions = {}): Promise<DeliveryResult> {
    const url = recipient.slackWebhookUrl;
    if (!url) return rejected(DeliveryCode.RecipientMissing, 'recipient has no Slack webhook URL');
    // Re-checked here, not only at subscription time: stored data may predate a tightened rule.
    const problem = webhookUrlProblem(url, { allowedWebhookPrefixes: this.options.allowedWebhookPrefixes });
    if (problem) return rejected(DeliveryCode.WebhookUrlRefused, `webhook URL refused (${problem})`);
    if (opts.signal?.aborted) return retry(DeliveryCode.Aborted, 'send aborted before start');

    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    const target = maskSecret(url);
    try {
      const response = await this.fetchImpl(url, {
        method: 'POST',
        // Slack ignores the key; a Slack-compatible receiver or a proxy in front of one can drop a repeated send by it.
        headers: { 'content-type': 'application/json; charset=utf-8', ...(opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {}) },
        body: JSON.stringify(this.payloadOf(message, recipient)),
        // A redirect from a webhook endpoint is never legitimate and could point anywhere.
        redirect: 'manual',
        signal,
      });
      const body = await readCapped(response, SLACK_DEFAULTS.maxResponseBytes);
      return this.classify(response.status, response.headers.get('retry-after'), body, target);
    } catch (err) {
      if (timeout.aborted) return retry(DeliveryCode.Timeout, `no answer from ${target} within ${this.timeoutMs} ms`);
      if (opts.signal?.aborted) return retry(DeliveryCode.Aborted, 'send aborted');
      return retry(DeliveryCode.Network, `${target}: ${scrub(describe(err), url)}`);
    }
  }

  /** The Block Kit card rendered beside this provider; pre-rendered Slack parts only for messages without a model. */
  payloadOf(message: AlertMessage, recipient: Recipient): SlackCard {
    if (!message.alert) return { text: message.slack.text, blocks: message.slack.blocks as SlackCard['blocks'] };
    const links = this.options.links
      ? feedbackUrls(this.options.links, recipient.subscriberId, message.alert.collaborationId, (this.options.now ?? Date.now)())
      : undefined;
    return slackCard(message.alert, links);
  }

  private classify(status: number, retryAfter: string | null, body: string, target: string): DeliveryResult {
    const slug = slugOf(body);
    if (status >= 200 && status < 300) return { status: 'sent' };
    if (status === 429) {
      return retry(DeliveryCode.SlackRateLimited, `${target}: 429 rate limited`, retryAfterMs(retryAfter) ?? this.options.defaultRetryAfterMs ?? SLACK_DEFAULTS.defaultRetryAfterMs);
    }
    if (status >= 500) return retry(DeliveryCode.SlackServerError, `${target}: ${status}${slug ? ` ${slug}` : ''}`, retryAfterMs(retryAfter));
    if (status >= 300 && status < 400) return rejected(DeliveryCode.SlackRedirect, `${target}: unexpected redirect ${status}`);
    const code = (slug && PERMANENT[slug]) || STATUS_FALLBACK[status] || DeliveryCode.SlackRejected;
    return rejected(code, `${target}: ${status}${slug ? ` ${slug}` : ''}`);
  }
}

/** The body is the third party's text: keep only a slug-shaped first word, never arbitrary content. */
function slugOf(body: string): string {
  const first = body.trim().slice(0, 64);
  return /^[a-z_]{1,64}$/.test(first) ? first : '';
}


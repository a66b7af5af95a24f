import { Controller, Get, Header, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { verifyUnsubscribeToken, type UnsubscribeClaims } from '@pharma-radar/notifier-channels';
import { escapeHtml } from '@pharma-radar/notifier-subscriptions';
import { ApiError, ApiErrorCode } from './errors';
import { SubscriptionsService } from './subscriptions.service';
import { CLOCK, LINK_SECRETS } from './tokens';

/**
 * The target of the List-Unsubscribe link (RFC 8058). A GET only shows a confirmation form: mail gateways and
 * link scanners follow every GET. The POST (the mail client's one-click, or the form) unsubscribes. The signed
 * token is the only credential, and it names the subscriber and channel: no other subscriber can be reached.
 */
@Controller('v1/unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly service: SubscriptionsService,
    @Inject(LINK_SECRETS) private readonly secrets: readonly string[],
    @Inject(CLOCK) private readonly now: () => number,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  confirm(@Query('token') token: unknown): string {
    const claims = this.verify(token);
    const action = `?token=${encodeURIComponent(token as string)}`;
    return `<!doctype html><html><head><meta charset="utf-8"><title>Unsubscribe</title></head><body>` +
      `<p>Stop Pharma Radar alerts by ${escapeHtml(claims.channel)}?</p>` +
      `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">` +
      `<button type="submit">Unsubscribe</button></form></body></html>`;
  }

  @Post()
  @HttpCode(200)
  async unsubscribe(@Query('token') token: unknown) {
    const claims = this.verify(token);
    const result = await this.service.unsubscribe(claims.subscriberId, claims.channel);
    return { unsubscribed: true, channel: result.channel };
  }

  private verify(token: unknown): UnsubscribeClaims {
    if (typeof token !== 'string' || token.length === 0) throw invalidToken('missing');
    for (const secret of this.secrets) {
      const r = verifyUnsubscribeToken(token, secret, this.now());
      if (r.ok) return r.claims;
      // Only a signature mismatch can be another key's token; anything else is final whatever the key.
      if (r.problem !== 'bad_signature') throw invalidToken(r.problem);
    }
    throw invalidToken('bad_signature');
  }
}

function invalidToken(problem: string): ApiError {
  return new ApiError(400, ApiErrorCode.InvalidToken, `unsubscribe link not valid (${problem.replace('_', ' ')})`);
}

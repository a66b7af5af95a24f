import { Body, Controller, Get, Header, Headers, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { feedbackEventId, feedbackKey, Topics, type FeedbackRecordedV1 } from '@pharma-radar/contracts';
import { verifyFeedbackToken, type FeedbackClaims } from '@pharma-radar/notifier-channels';
import { KEY_VALUE_STORE, type KeyValueStore } from '@pharma-radar/platform-cache';
import { getLogger } from '@pharma-radar/platform-logging';
import { MESSAGE_BUS, type MessageBus } from '@pharma-radar/platform-messaging';
import { ApiError, ApiErrorCode } from './errors';
import { FEEDBACK_PAGE_CSP, feedbackConfirmPage, feedbackThanksPage } from './feedback-page';
import { CLOCK, LINK_SECRETS } from './tokens';

/** Remembers the last verdict published per subscriber and collaboration, so a replayed POST publishes nothing. */
export const lastVerdictKey = (subscriberId: string, collaborationId: string) =>
  `notifier:feedback:last:${encodeURIComponent(subscriberId)}:${encodeURIComponent(collaborationId)}`;

/**
 * The target of the "relevant / not relevant" links in alerts. As with unsubscribe, a GET only shows a form (link
 * scanners follow every GET) and the POST records: it publishes feedback.recorded on the bus. The signed token is the
 * only credential and names subscriber, collaboration and verdict, so nobody can speak for another subscriber.
 */
@Controller('v1/feedback')
export class FeedbackController {
  private readonly log = getLogger('FeedbackApi');

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
    @Inject(LINK_SECRETS) private readonly secrets: readonly string[],
    @Inject(CLOCK) private readonly now: () => number,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', FEEDBACK_PAGE_CSP)
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  confirm(@Query('token') token: unknown): string {
    const claims = this.verify(token);
    return feedbackConfirmPage(claims.verdict, claims.collaborationId, token as string);
  }

  @Post()
  @HttpCode(200)
  async record(
    @Query('token') queryToken: unknown,
    @Body() body: unknown,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | { recorded: true; verdict: FeedbackRecordedV1['verdict'] }> {
    const claims = this.verify(queryToken ?? (body as { token?: unknown } | null | undefined)?.token);
    await this.publishOnce(claims);
    // The page's form asks for HTML; a client of the API gets JSON.
    if (!prefersHtml(accept)) return { recorded: true, verdict: claims.verdict };
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', FEEDBACK_PAGE_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    return feedbackThanksPage(claims.verdict);
  }

  /**
   * The store only saves a duplicate: the event is published first and the verdict remembered after, so a failure
   * between them costs one repeated event (same id, same key; consumers fold by key), never a lost verdict. Two
   * POSTs at the same instant may both publish; that is the same harmless repeat.
   */
  private async publishOnce(claims: FeedbackClaims): Promise<void> {
    const { subscriberId, collaborationId, verdict } = claims;
    const key = lastVerdictKey(subscriberId, collaborationId);
    const last = await this.store.get(key).catch((err: unknown) => {
      this.log.warn('last feedback verdict not read; publishing anyway', { reason: (err as Error).message });
      return null;
    });
    if (last === verdict) return;
    const now = this.now();
    try {
      await this.bus.publish(Topics.feedbackRecorded, { subscriberId, collaborationId, verdict, recordedAt: new Date(now).toISOString() }, {
        key: feedbackKey(subscriberId, collaborationId),
        id: feedbackEventId(subscriberId, collaborationId, verdict),
      });
    } catch (err) {
      this.log.error('feedback not published', { reason: (err as Error).message });
      throw new ApiError(503, ApiErrorCode.StoreUnavailable, 'feedback not recorded; try the link again later');
    }
    // Kept while the link can still be used; after that the token is refused anyway.
    const ttlSeconds = Math.max(60, Math.ceil((claims.expiresAt - now) / 1000));
    await this.store.set(key, verdict, ttlSeconds).catch((err: unknown) => {
      this.log.warn('feedback verdict not remembered; a replay will publish again', { reason: (err as Error).message });
    });
  }

  private verify(token: unknown): FeedbackClaims {
    if (typeof token !== 'string' || token.length === 0) throw invalidToken('missing');
    for (const secret of this.secrets) {
      const r = verifyFeedbackToken(token, secret, this.now());
      if (r.ok) return r.claims;
      // Only a signature mismatch can be another key's token; anything else is final whatever the key.
      if (r.problem !== 'bad_signature') throw invalidToken(r.problem);
    }
    throw invalidToken('bad_signature');
  }
}

function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((t) => t.split(';')[0].trim().toLowerCase());
  const htmlAt = types.indexOf('text/html');
  const jsonAt = types.indexOf('application/json');
  return htmlAt !== -1 && (jsonAt === -1 || htmlAt < jsonAt);
}

function invalidToken(problem: string): ApiError {
  return new ApiError(400, ApiErrorCode.InvalidToken, `feedback link not valid (${problem.replace('_', ' ')})`);
}

import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { getLogger } from '@pharma-radar/platform-logging';
import type { WebSubConfig } from './config';
import { PUSH_SINK, WEBSUB_CONFIG, type PushSink } from './tokens';
import { WebSubSubscriber } from './websub.service';

const FEED_ID = /^[a-z0-9][a-z0-9._-]{0,79}$/;

/**
 * Reads the raw body (a hub signs the exact bytes), up to `max` bytes; null when it is larger. A larger body is not
 * read further: the request is paused, answered, and its connection closed after the answer.
 */
function rawBody(req: Request & { rawBody?: Buffer }, max: number): Promise<Buffer | null> {
  // A JSON push already read by the framework's parser: its bytes were kept when the app enables rawBody.
  if (Buffer.isBuffer(req.rawBody)) return Promise.resolve(req.rawBody.length > max ? null : req.rawBody);
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      req.off('data', onData).pause();
      resolve(null);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/**
 * The WebSub callback (one per feed): GET answers hubs' verification of intent, POST takes pushed content. Errors
 * carry a code and say what was wrong; nothing a caller sends can crash the service or reach Kafka unverified.
 */
@Controller('websub')
export class WebSubController {
  private readonly log = getLogger(WebSubController.name);

  constructor(
    private readonly subscriber: WebSubSubscriber,
    @Inject(PUSH_SINK) private readonly sink: PushSink,
    @Inject(WEBSUB_CONFIG) private readonly config: WebSubConfig,
  ) {}

  @Get(':feedId')
  async verify(@Param('feedId') feedId: string, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    if (!FEED_ID.test(feedId)) {
      res.status(404).type('text/plain').send('unknown feed');
      return;
    }
    const answer = await this.subscriber.verify(feedId, query);
    // The challenge goes back verbatim as text: never as HTML, so an echoed value cannot script anything.
    res.status(answer.status).type('text/plain').setHeader('x-content-type-options', 'nosniff');
    res.send(answer.body);
  }

  @Post(':feedId')
  @HttpCode(202)
  async content(@Param('feedId') feedId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const fail = (status: number, code: string, message: string) => res.status(status).json({ error: { code, message } });
    if (!FEED_ID.test(feedId)) return void fail(404, 'WEBSUB_NO_SUBSCRIPTION', 'unknown feed');
    const body = await rawBody(req, this.config.maxBytes);
    if (body === null) {
      res.setHeader('connection', 'close');
      res.once('finish', () => req.destroy());
      return void fail(413, 'WEBSUB_TOO_LARGE', `pushed content is larger than ${this.config.maxBytes} bytes`);
    }
    const signature = req.header('x-hub-signature-256') ? `sha256=${req.header('x-hub-signature-256')!.replace(/^sha256=/i, '')}` : req.header('x-hub-signature');
    const check = await this.subscriber.checkContent(feedId, signature, body);
    if (!check.ok) {
      this.log.warn('websub content refused', { feedId, code: check.code });
      return void fail(check.status, check.code, check.message);
    }
    const outcome = this.sink.acceptPush(feedId, body, req.header('content-type'));
    // The hub retries a refused delivery later; polling catches up meanwhile.
    if (outcome === 'busy') return void fail(503, 'WEBSUB_BUSY', 'cannot take content now; retry later');
    if (outcome === 'unknown_feed') return void fail(410, 'WEBSUB_NO_SUBSCRIPTION', 'this feed is no longer configured');
    res.status(202).json({ accepted: true });
  }
}

import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { getLogger } from '@pharma-radar/platform-logging';
import { CollaborationsRepository } from './collaborations';

const POLL_MS = 2_000;
const HEARTBEAT_MS = 20_000;

/**
 * Server-sent events for open pages: `flags` when a new flag (or revision) is stored. It watches the store, not this
 * process's consumer, so every dashboard replica tells its own pages, whichever replica consumed the flag. One
 * watcher per process, running only while a page listens.
 */
@Injectable()
export class LiveUpdates implements BeforeApplicationShutdown {
  private readonly clients = new Set<Response>();
  private timer: NodeJS.Timeout | null = null;
  private lastHead: string | null | undefined;
  private beats = 0;
  private readonly log = getLogger('LiveUpdates');

  constructor(private readonly repo: CollaborationsRepository) {}

  /**
   * The store's head is read before the stream opens, and the page refetches on `open`: a flag stored at any moment
   * is either in that refetch or announced, never lost between the two.
   */
  async add(res: Response): Promise<void> {
    if (this.lastHead === undefined) this.lastHead = await this.repo.head();
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 5000\n\n');
    this.clients.add(res);
    res.on('close', () => {
      this.clients.delete(res);
      if (!this.clients.size) this.stop();
    });
    if (!this.timer) this.timer = setInterval(() => void this.tick(), POLL_MS);
  }

  get listeners(): number {
    return this.clients.size;
  }

  private async tick(): Promise<void> {
    try {
      const head = await this.repo.head();
      if (head !== this.lastHead) this.broadcast('flags', { at: new Date().toISOString() });
      this.lastHead = head;
    } catch (err) {
      this.log.warn('live update check failed', { reason: (err as Error).message });
    }
    if (++this.beats * POLL_MS >= HEARTBEAT_MS) {
      this.beats = 0;
      // A comment line keeps proxies from closing an idle stream.
      for (const res of this.clients) res.write(': keep-alive\n\n');
    }
  }

  private broadcast(event: string, data: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of this.clients) res.write(frame);
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.lastHead = undefined;
  }

  /** Before the HTTP server closes: an open stream would keep it from closing. */
  beforeApplicationShutdown(): void {
    this.stop();
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}

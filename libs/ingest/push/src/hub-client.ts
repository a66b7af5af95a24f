import { safeFetch } from '@pharma-radar/ingest-fetch';

export type HubAnswer = { ok: true; status: number } | { ok: false; status?: number; message: string };

/** Sends subscription requests to hubs. */
export interface HubClient {
  request(hub: string, form: Record<string, string>): Promise<HubAnswer>;
}

/**
 * Hub URLs come from feeds, so they are as hostile as feed content: the same address guard as feed fetches, the
 * feeds' own host:port exemptions, one deadline, no redirects.
 */
export class SafeHubClient implements HubClient {
  constructor(private readonly opts: { allowPrivateHosts: string[]; timeoutMs: number; userAgent?: string }) {}

  async request(hub: string, form: Record<string, string>): Promise<HubAnswer> {
    const r = await safeFetch(hub, { policy: { allowPrivateHosts: this.opts.allowPrivateHosts }, form, timeoutMs: this.opts.timeoutMs, maxBytes: 64_000, userAgent: this.opts.userAgent });
    // WebSub §5.1: a hub answers 202 Accepted; any 2xx is taken as accepted.
    if (r.ok) return r.status >= 200 && r.status < 300 ? { ok: true, status: r.status } : { ok: false, status: r.status, message: `hub answered HTTP ${r.status}` };
    return { ok: false, status: r.status, message: `${r.code}: ${r.message}` };
  }
}

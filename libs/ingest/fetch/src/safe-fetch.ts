import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { UrlErrorCode, UrlPolicy, checkUrl, effectivePort, isAllowed, isPrivateAddress, normalHost } from './url-policy';

export const DEFAULT_USER_AGENT = 'PharmaRadar/0.1 (+https://pharma-radar.example/bot)';
export const DEFAULT_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const MAX_ENCODINGS = 2;

// Connections are kept alive and reused: at 100,000 feeds a new TCP (and TLS) handshake per poll was a large share of
// the poller's CPU. Requests connect to the checked address itself (see request()), so the pool is keyed by that
// address, port and TLS server name: a pooled socket only ever serves the address a later check allowed again.
const KEEP_ALIVE = { keepAlive: true, maxFreeSockets: 64, timeout: 30_000, scheduling: 'lifo' as const };
const httpAgent = new http.Agent(KEEP_ALIVE);
const httpsAgent = new https.Agent(KEEP_ALIVE);

export type FetchErrorCode =
  | UrlErrorCode
  | 'DNS_FAILED'
  | 'CONNECT_FAILED'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'TOO_LARGE'
  | 'TOO_MANY_REDIRECTS'
  | 'REDIRECT_INVALID'
  | 'ENCODING_UNSUPPORTED'
  | 'DECODE_FAILED'
  | 'BODY_INCOMPLETE'
  | 'HTTP_NOT_FOUND'
  | 'HTTP_RATE_LIMITED'
  | 'HTTP_CLIENT_ERROR'
  | 'HTTP_SERVER_ERROR';

export interface FetchOptions {
  policy: UrlPolicy;
  /** Total budget for DNS, connect, redirects and body (default 15 s). */
  timeoutMs?: number;
  /** Body cap after decompression (default 5 MB). */
  maxBytes?: number;
  maxRedirects?: number;
  etag?: string;
  lastModified?: string;
  userAgent?: string;
  accept?: string;
  signal?: AbortSignal;
  /**
   * POSTs these fields form-encoded instead of GETting (WebSub subscription requests to a hub). A POST is never
   * redirected: a 3xx answer is returned as TOO_MANY_REDIRECTS rather than replayed elsewhere.
   */
  form?: Record<string, string>;
}

export type FetchResult =
  | {
      ok: true;
      status: number;
      notModified: boolean;
      /** The final URL after redirects. */
      url: string;
      headers: Record<string, string>;
      body: Buffer;
      etag?: string;
      lastModified?: string;
    }
  | {
      ok: false;
      code: FetchErrorCode;
      message: string;
      status?: number;
      /** From Retry-After on 429/503, capped at a day. */
      retryAfterMs?: number;
      /** Whether trying the same URL later can succeed. */
      retryable: boolean;
    };

type Failure = Extract<FetchResult, { ok: false }>;

const RETRYABLE: ReadonlySet<FetchErrorCode> = new Set(['DNS_FAILED', 'CONNECT_FAILED', 'TIMEOUT', 'BODY_INCOMPLETE', 'HTTP_RATE_LIMITED', 'HTTP_SERVER_ERROR']);

function failure(code: FetchErrorCode, message: string, extra: Partial<Failure> = {}): Failure {
  return { ok: false, code, message, retryable: RETRYABLE.has(code), ...extra };
}

/** Retry-After as delta-seconds or an HTTP date, in ms from `now`; null when absent or nonsense. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  const day = 86_400_000;
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, day);
  const t = Date.parse(v);
  if (!Number.isFinite(t)) return null;
  return Math.min(Math.max(0, t - now), day);
}

function statusFailure(status: number, headers: http.IncomingHttpHeaders): Failure {
  const retryAfterMs = parseRetryAfter(firstHeader(headers['retry-after'])) ?? undefined;
  const extra = { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (status === 404 || status === 410) return failure('HTTP_NOT_FOUND', `HTTP ${status}`, extra);
  if (status === 429) return failure('HTTP_RATE_LIMITED', `HTTP ${status}`, extra);
  if (status >= 500) return failure('HTTP_SERVER_ERROR', `HTTP ${status}`, extra);
  if (status === 408) return failure('TIMEOUT', `HTTP ${status}`, extra);
  return failure('HTTP_CLIENT_ERROR', `HTTP ${status}`, extra);
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

interface Resolved {
  address: string;
  family: 4 | 6;
}

async function resolveChecked(url: URL, policy: UrlPolicy): Promise<Resolved | Failure> {
  const host = normalHost(url);
  const literal = isIP(host);
  if (literal) return { address: host, family: literal as 4 | 6 };
  let addrs: { address: string; family: number }[];
  try {
    addrs = await dnsLookup(host, { all: true, verbatim: true });
  } catch (e) {
    return failure('DNS_FAILED', `cannot resolve ${host}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (addrs.length === 0) return failure('DNS_FAILED', `no address for ${host}`);
  // One internal answer is enough to refuse: a round-robin of public and private addresses is a rebinding trick.
  const port = effectivePort(url);
  const hostAllowed = isAllowed(host, policy, port);
  for (const a of addrs) {
    if (isPrivateAddress(a.address) && !hostAllowed && !isAllowed(a.address, policy, port)) {
      return failure('URL_PRIVATE_ADDRESS', `${host} resolves to internal address ${a.address}`);
    }
  }
  return { address: addrs[0].address, family: addrs[0].family === 6 ? 6 : 4 };
}

/**
 * GETs a URL the way a crawler facing hostile servers must: every hop is checked against the policy before
 * connecting, DNS is resolved once and the connection pinned to the checked address (so rebinding cannot swap it),
 * redirects are followed by hand, bodies are capped after decompression, and one deadline covers everything.
 * Never throws: every outcome is a FetchResult.
 */
export async function safeFetch(url: string, opts: FetchOptions): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
  const onOuterAbort = () => controller.abort(new Error('aborted'));
  if (opts.signal) {
    if (opts.signal.aborted) onOuterAbort();
    else opts.signal.addEventListener('abort', onOuterAbort, { once: true });
  }
  try {
    return await fetchHops(url, opts, controller.signal);
  } catch (e) {
    return failure('CONNECT_FAILED', e instanceof Error ? e.message : 'fetch failed');
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
}

function abortedFailure(signal: AbortSignal, timeoutMs: number): Failure {
  const reason = signal.reason instanceof Error ? signal.reason.message : '';
  return reason === 'timeout' ? failure('TIMEOUT', `no complete response within ${timeoutMs} ms`) : failure('ABORTED', 'aborted by caller');
}

async function fetchHops(start: string, opts: FetchOptions, signal: AbortSignal): Promise<FetchResult> {
  const maxRedirects = opts.maxRedirects ?? 5;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  let current = start;
  for (let hop = 0; ; hop++) {
    const checked = checkUrl(current, opts.policy);
    if (!checked.ok) return failure(checked.code, checked.reason);
    if (signal.aborted) return abortedFailure(signal, timeoutMs);
    const resolved = await raceAbort(resolveChecked(checked.url, opts.policy), signal);
    if (resolved === null) return abortedFailure(signal, timeoutMs);
    if ('ok' in resolved) return resolved;

    const res = await request(checked.url, resolved, opts, signal);
    if ('ok' in res) return res.ok === false && signal.aborted ? abortedFailure(signal, timeoutMs) : res;
    const status = res.statusCode ?? 0;

    if (status >= 300 && status < 400 && status !== 304) {
      res.resume();
      res.destroy();
      const location = firstHeader(res.headers.location);
      if (!location) return failure('REDIRECT_INVALID', `HTTP ${status} without Location`, { status });
      if (opts.form) return failure('TOO_MANY_REDIRECTS', `HTTP ${status}: a form POST is not followed to another address`, { status });
      if (hop >= maxRedirects) return failure('TOO_MANY_REDIRECTS', `more than ${maxRedirects} redirects`, { status });
      const next = nextHop(checked.url, location);
      if (!next.ok) return failure(next.code, next.reason, { status });
      current = next.url;
      continue;
    }
    if (status === 304) {
      // No body by definition: once ended, the connection goes back to the pool before the next poll asks for one.
      await new Promise<void>((done) => {
        res.once('end', done).once('close', done).once('error', done);
        res.resume();
      });
      return success(checked.url, res, Buffer.alloc(0), true);
    }
    if (status < 200 || status >= 300) {
      res.resume();
      res.destroy();
      return statusFailure(status, res.headers);
    }
    const body = await readBody(res, opts.maxBytes ?? 5 * 1024 * 1024, signal);
    if (!Buffer.isBuffer(body)) return signal.aborted ? abortedFailure(signal, timeoutMs) : body;
    return success(checked.url, res, body, false);
  }
}

function success(url: URL, res: http.IncomingMessage, body: Buffer, notModified: boolean): FetchResult {
  const etag = firstHeader(res.headers.etag);
  const lastModified = firstHeader(res.headers['last-modified']);
  return {
    ok: true,
    status: res.statusCode ?? 0,
    notModified,
    url: url.href,
    headers: flatHeaders(res.headers),
    body,
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
  };
}

function nextHop(from: URL, location: string): { ok: true; url: string } | { ok: false; code: FetchErrorCode; reason: string } {
  // Node already rejects raw CR/LF in headers; encoded ones are refused too, since they only serve header injection.
  // eslint-disable-next-line no-control-regex
  if (/[\r\n\u0000]|%0[da]/i.test(location)) return { ok: false, code: 'REDIRECT_INVALID', reason: 'Location contains CR/LF' };
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    return { ok: false, code: 'REDIRECT_INVALID', reason: 'unparseable Location' };
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    return { ok: false, code: 'URL_SCHEME', reason: `redirect to ${next.protocol} refused` };
  }
  return { ok: true, url: next.href };
}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T | null> {
  if (signal.aborted) return Promise.resolve(null);
  return new Promise((resolve) => {
    const onAbort = () => resolve(null);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve(null);
      },
    );
  });
}

function request(url: URL, pinned: Resolved, opts: FetchOptions, signal: AbortSignal): Promise<http.IncomingMessage | Failure> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {
      'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT,
      accept: opts.accept ?? DEFAULT_ACCEPT,
      'accept-encoding': 'gzip, deflate, br',
    };
    if (opts.etag) headers['if-none-match'] = opts.etag;
    if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
    const body = opts.form ? new URLSearchParams(opts.form).toString() : null;
    if (body !== null) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    // The socket goes to the address we checked, whatever DNS says now; Host and SNI still name the site.
    headers.host = url.host;
    const tls = url.protocol === 'https:';
    const lib = tls ? https : http;
    let settled = false;
    const settle = (v: http.IncomingMessage | Failure) => {
      if (!settled) {
        settled = true;
        resolve(v);
      }
    };
    let req: http.ClientRequest;
    try {
      req = lib.request(
        {
          protocol: url.protocol,
          hostname: pinned.address,
          family: pinned.family,
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method: body === null ? 'GET' : 'POST',
          headers,
          agent: tls ? httpsAgent : httpAgent,
          signal,
          ...(tls && !isIP(normalHost(url)) ? { servername: normalHost(url) } : {}),
        },
        (res) => settle(res),
      );
    } catch (e) {
      settle(failure('CONNECT_FAILED', e instanceof Error ? e.message : 'request failed'));
      return;
    }
    req.on('error', (e: NodeJS.ErrnoException) => {
      settle(signal.aborted ? failure('TIMEOUT', 'aborted') : failure('CONNECT_FAILED', `${e.code ?? ''} ${e.message}`.trim()));
    });
    req.end(body ?? undefined);
  });
}

function decoderFor(coding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

function readBody(res: http.IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer | Failure> {
  return new Promise((resolve) => {
    const declared = Number(firstHeader(res.headers['content-length']));
    if (Number.isFinite(declared) && declared > maxBytes) {
      res.destroy();
      resolve(failure('TOO_LARGE', `Content-Length ${declared} exceeds ${maxBytes}`));
      return;
    }
    const codings = (firstHeader(res.headers['content-encoding']) ?? '')
      .split(',')
      .map((c) => c.trim().toLowerCase())
      .filter((c) => c && c !== 'identity');
    if (codings.length > MAX_ENCODINGS) {
      res.destroy();
      resolve(failure('ENCODING_UNSUPPORTED', `${codings.length} content codings (limit ${MAX_ENCODINGS})`));
      return;
    }
    const streams: Readable[] = [res];
    let tail: Readable = res;
    // Codings are listed in the order applied, so they are undone from the last one.
    for (const c of [...codings].reverse()) {
      const d = decoderFor(c);
      if (!d) {
        res.destroy();
        resolve(failure('ENCODING_UNSUPPORTED', `content coding "${c}"`));
        return;
      }
      tail = tail.pipe(d);
      streams.push(d);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let raw = 0;
    let settled = false;
    const finish = (v: Buffer | Failure) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (!Buffer.isBuffer(v)) for (const s of streams) s.destroy();
      resolve(v);
    };
    const onAbort = () => finish(failure('TIMEOUT', 'deadline reached while reading the body'));
    signal.addEventListener('abort', onAbort, { once: true });
    res.on('data', (c: Buffer) => {
      raw += c.length;
      if (raw > maxBytes) finish(failure('TOO_LARGE', `body exceeds ${maxBytes} bytes`));
    });
    tail.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) finish(failure('TOO_LARGE', `body exceeds ${maxBytes} bytes after decompression`));
      else chunks.push(c);
    });
    tail.on('end', () => {
      if (!res.complete) finish(failure('BODY_INCOMPLETE', 'connection closed before the body was complete'));
      else finish(Buffer.concat(chunks, size));
    });
    for (const s of streams) {
      s.on('error', (e: Error) => {
        finish(s === res ? failure('BODY_INCOMPLETE', e.message) : failure('DECODE_FAILED', `cannot decode body: ${e.message}`));
      });
    }
    res.on('aborted', () => finish(failure('BODY_INCOMPLETE', 'connection closed before the body was complete')));
    res.on('close', () => {
      if (!res.complete) finish(failure('BODY_INCOMPLETE', 'connection closed before the body was complete'));
    });
  });
}

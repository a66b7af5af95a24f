import { createHash } from 'node:crypto';
import { CanActivate, ExecutionContext, HttpException, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { getLogger } from '@pharma-radar/platform-logging';
import type { DashboardConfig } from './config';

/** Who is asking: a tenant of the subscriptions API (by its key) or a user named by the trusted proxy. */
export interface Principal {
  kind: 'api-key' | 'proxy';
  id: string;
  name?: string;
}

/**
 * Checks an API key of the subscriptions API: the tenant it belongs to, or null for an unknown or revoked key.
 * The check itself stays with the API that issued the key (hashing, lookup); the dashboard only asks.
 */
export type ApiKeyCheck = (key: string) => Promise<Principal | null>;

export const DASHBOARD_CONFIG = Symbol('DASHBOARD_CONFIG');
export const API_KEY_CHECK = Symbol('DASHBOARD_API_KEY_CHECK');

/** Cookie a browser keeps the key in after /login: HttpOnly (no script reads it) and SameSite=Strict (no other site sends it). */
export const KEY_COOKIE = 'pr_dashboard_key';
const MAX_KEY_LENGTH = 200;

export class AuthUnavailableError extends Error {}

/**
 * The key check of a standalone dashboard: GET <subscriptions API>/tenant with the key as a bearer token. Answers
 * are remembered for `ttlMs` by the key's digest (never the key), so a page with its API calls asks once; a revoked
 * key keeps working for at most that long.
 */
export function httpApiKeyCheck(apiUrl: string, opts: { ttlMs?: number; fetchImpl?: typeof fetch; now?: () => number; timeoutMs?: number } = {}): ApiKeyCheck {
  const ttlMs = opts.ttlMs ?? 30_000;
  const doFetch = opts.fetchImpl ?? fetch;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; principal: Principal | null }>();
  return async (key) => {
    const digest = createHash('sha256').update(key).digest('hex');
    const hit = cache.get(digest);
    if (hit && now() - hit.at < ttlMs) return hit.principal;
    let res: Response;
    try {
      res = await doFetch(`${apiUrl}/tenant`, { headers: { authorization: `Bearer ${key}`, accept: 'application/json' }, signal: AbortSignal.timeout(opts.timeoutMs ?? 5_000), redirect: 'error' });
    } catch (err) {
      throw new AuthUnavailableError(`subscriptions API unreachable: ${(err as Error).message}`);
    }
    let principal: Principal | null;
    if (res.status === 200) {
      const body = (await res.json().catch(() => null)) as { id?: unknown; name?: unknown } | null;
      if (typeof body?.id !== 'string') throw new AuthUnavailableError('subscriptions API answered without a tenant id');
      principal = { kind: 'api-key', id: body.id, ...(typeof body.name === 'string' ? { name: body.name } : {}) };
    } else if (res.status === 401 || res.status === 403) {
      principal = null;
    } else {
      throw new AuthUnavailableError(`subscriptions API answered ${res.status}`);
    }
    // Bounded: a flood of made-up keys must not grow the map without end.
    if (cache.size >= 1_000) cache.clear();
    cache.set(digest, { at: now(), principal });
    return principal;
  };
}

function cookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header || header.length > 8_000) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The key a request carries: `Authorization: Bearer <key>` (scripts, exports with curl) or the login cookie (browsers). */
export function presentedKey(req: Request): string | null {
  const auth = req.headers.authorization;
  const m = typeof auth === 'string' ? /^Bearer ([^\s]+)$/i.exec(auth.trim()) : null;
  const key = m ? m[1] : cookie(req, KEY_COOKIE);
  return key && key.length <= MAX_KEY_LENGTH ? key : null;
}

@Injectable()
export class DashboardAuth {
  private readonly log = getLogger('DashboardAuth');

  constructor(
    @Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig,
    @Inject(API_KEY_CHECK) private readonly checkKey: ApiKeyCheck | null,
  ) {}

  /** Whether any way in is configured; with none, every request is refused and the log says why once. */
  get configured(): boolean {
    return this.checkKey !== null || this.config.auth.trustedIdentityHeader !== null;
  }

  /** The signed-in user, or null; a 503 when keys cannot be checked right now (the API that issued them is down). */
  async identify(req: Request): Promise<Principal | null> {
    const header = this.config.auth.trustedIdentityHeader;
    if (header) {
      const v = req.headers[header];
      const user = typeof v === 'string' ? v.trim() : '';
      if (user && user.length <= 200 && !/\p{Cc}/u.test(user)) return { kind: 'proxy', id: user };
    }
    const key = presentedKey(req);
    return key ? this.checkLogin(key) : null;
  }

  /** A key checked (the login form's before it becomes a cookie); 503 as above. */
  async checkLogin(key: string): Promise<Principal | null> {
    if (!this.checkKey || key.length === 0 || key.length > MAX_KEY_LENGTH) return null;
    try {
      return await this.checkKey(key);
    } catch (err) {
      if (err instanceof AuthUnavailableError) throw authError(503, 'cannot check the API key now; try again shortly');
      throw err;
    }
  }

  warnIfClosed(): void {
    if (!this.configured) this.log.warn('dashboard has no way in: set DASHBOARD_AUTH_API_URL or DASHBOARD_TRUSTED_IDENTITY_HEADER');
  }
}

export function authError(status: 401 | 503, message: string): HttpException {
  return new HttpException({ error: { code: status === 401 ? 'UNAUTHENTICATED' : 'AUTH_UNAVAILABLE', message } }, status);
}

/** Every dashboard API route: 401 without a valid key or trusted identity, 503 when keys cannot be checked now. */
@Injectable()
export class DashboardAuthGuard implements CanActivate {
  constructor(private readonly auth: DashboardAuth) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const principal = await this.auth.identify(req);
    if (!principal) throw authError(401, 'sign in at /login with an API key of the subscriptions API');
    req.principal = principal;
    return true;
  }
}

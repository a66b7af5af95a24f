import type { NextFunction, Request, Response } from 'express';
import type { HealthCheckResult } from './health';

export const LIVE_PATH = '/health/live';
export const READY_PATHS: readonly string[] = ['/health', '/health/ready'];

/**
 * What the HTTP server answers while the service is still waiting for its dependencies, before the service's own
 * routes exist. Liveness answers yes: the process is healthy and retrying, and a restart would only meet the same
 * unreachable broker (a crash loop). Readiness answers no, with each dependency's reason; every other route 503.
 * Once opened, every request goes on to the service's routes.
 */
export class BootGate {
  private opened = false;
  private readonly states = new Map<string, HealthCheckResult>();

  constructor(dependencies: readonly string[]) {
    for (const name of dependencies) this.states.set(name, { ok: false, detail: 'not connected yet' });
  }

  set(name: string, state: HealthCheckResult): void {
    this.states.set(name, state);
  }

  open(): void {
    this.opened = true;
  }

  get isOpen(): boolean {
    return this.opened;
  }

  /** The readiness answer while closed: each dependency, and `service: starting` once they all answer. */
  readiness(): { ok: false; checks: Record<string, HealthCheckResult> } {
    const waitingFor = [...this.states].filter(([, s]) => !s.ok).map(([n]) => n);
    const service = { ok: false, detail: waitingFor.length ? `starting: waiting for ${waitingFor.join(' and ')}` : 'starting' };
    return { ok: false, checks: { ...Object.fromEntries(this.states), service } };
  }

  middleware(): (req: Request, res: Response, next: NextFunction) => void {
    return (req, res, next) => {
      if (this.opened) return next();
      const path = req.path.replace(/\/+$/, '') || '/';
      if (path === LIVE_PATH) {
        res.status(200).json({ ok: true, starting: true });
        return;
      }
      const readiness = this.readiness();
      res.setHeader('Cache-Control', 'no-store');
      if (READY_PATHS.includes(path)) {
        res.status(503).json(readiness);
        return;
      }
      res.setHeader('Retry-After', '5');
      res.status(503).json({ error: 'SERVICE_STARTING', message: readiness.checks['service'].detail });
    };
  }
}

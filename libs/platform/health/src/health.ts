import { Controller, Get, Global, Header, Injectable, Module, Res } from '@nestjs/common';
import type { Response } from 'express';
import { metricsText } from './metrics';

export interface HealthCheckResult {
  ok: boolean;
  detail?: string;
}

export type HealthCheck = () => Promise<HealthCheckResult> | HealthCheckResult;

/**
 * A check that has not answered by then fails with that reason: a probe has a timeout of its own (1 s by default in
 * Kubernetes), and a probe that times out says nothing about why. Redis's PING queues behind reconnects while Redis
 * is down.
 */
export const HEALTH_CHECK_TIMEOUT_MS = 2_000;

/** Each module registers what it depends on; readiness is the conjunction. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async evaluate(timeoutMs = HEALTH_CHECK_TIMEOUT_MS): Promise<{ ok: boolean; checks: Record<string, HealthCheckResult> }> {
    const entries = await Promise.all([...this.checks].map(async ([name, check]) => [name, await runCheck(check, timeoutMs)] as const));
    const checks = Object.fromEntries(entries);
    return { ok: entries.every(([, c]) => c.ok), checks };
  }
}

async function runCheck(check: HealthCheck, timeoutMs: number): Promise<HealthCheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<HealthCheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), late]);
  } catch (err) {
    return { ok: false, detail: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

@Controller()
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  /** Liveness: the event loop answers. Kubernetes restarts the pod only when this fails. */
  @Get('health/live')
  live() {
    return { ok: true };
  }

  /** Readiness: bus, store and module checks. A 503 takes the pod out of rotation without a restart. */
  @Get(['health', 'health/ready'])
  async ready(@Res() res: Response) {
    const result = await this.registry.evaluate();
    res.status(result.ok ? 200 : 503).json(result);
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async metrics(@Res() res: Response) {
    const { contentType, body } = await metricsText();
    res.setHeader('Content-Type', contentType);
    res.send(body);
  }
}

@Global()
@Module({ providers: [HealthRegistry], controllers: [HealthController], exports: [HealthRegistry] })
export class HealthModule {}

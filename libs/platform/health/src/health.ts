import { Controller, Get, Global, Header, Injectable, Module, Res } from '@nestjs/common';
import type { Response } from 'express';
import { metricsText } from './metrics';

export interface HealthCheckResult {
  ok: boolean;
  detail?: string;
}

export type HealthCheck = () => Promise<HealthCheckResult> | HealthCheckResult;

/** Each module registers what it depends on; readiness is the conjunction. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async evaluate(): Promise<{ ok: boolean; checks: Record<string, HealthCheckResult> }> {
    const checks: Record<string, HealthCheckResult> = {};
    for (const [name, check] of this.checks) {
      try {
        checks[name] = await check();
      } catch (err) {
        checks[name] = { ok: false, detail: (err as Error).message };
      }
    }
    return { ok: Object.values(checks).every((c) => c.ok), checks };
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

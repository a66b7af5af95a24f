import type { NextFunction, Request, Response } from 'express';
import { BootGate } from './boot-gate';

function call(gate: BootGate, path: string): { status?: number; body?: unknown; next: boolean } {
  const out: { status?: number; body?: unknown; next: boolean } = { next: false };
  const res = {
    status(code: number) {
      out.status = code;
      return this;
    },
    json(body: unknown) {
      out.body = body;
      return this;
    },
    setHeader() {
      return this;
    },
  } as unknown as Response;
  gate.middleware()({ path } as Request, res, (() => (out.next = true)) as NextFunction);
  return out;
}

describe('BootGate', () => {
  it('should answer liveness yes and readiness no with each dependency while closed', () => {
    const gate = new BootGate(['bus', 'store']);
    gate.set('bus', { ok: false, detail: 'Kafka at 127.0.0.1:1 unreachable: ECONNREFUSED' });
    gate.set('store', { ok: true, detail: 'redis' });
    expect(call(gate, '/health/live')).toEqual({ status: 200, body: { ok: true, starting: true }, next: false });
    expect(call(gate, '/health/ready')).toEqual({
      status: 503,
      next: false,
      body: {
        ok: false,
        checks: {
          bus: { ok: false, detail: 'Kafka at 127.0.0.1:1 unreachable: ECONNREFUSED' },
          store: { ok: true, detail: 'redis' },
          service: { ok: false, detail: 'starting: waiting for bus' },
        },
      },
    });
    expect(call(gate, '/health').status).toBe(503);
  });

  it('should refuse every other route with 503 while closed, not 404', () => {
    const gate = new BootGate(['bus']);
    expect(call(gate, '/api/collaborations')).toMatchObject({ status: 503, body: { error: 'SERVICE_STARTING', message: 'starting: waiting for bus' } });
  });

  it('should hand every request on to the service once open', () => {
    const gate = new BootGate(['bus']);
    gate.open();
    expect(call(gate, '/health/ready')).toEqual({ next: true });
    expect(call(gate, '/health/live')).toEqual({ next: true });
  });
});

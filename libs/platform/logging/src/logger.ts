import pino from 'pino';
import { currentCorrelationId } from './correlation';
import { maskString, maskValue } from './mask';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Logger {
  error(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
  child(context: string): Logger;
}

let root: pino.Logger | undefined;

/** Configures the single process-wide logger. Called once at boot; later calls replace the sink (tests). */
export function configureLogging(opts: { level?: LogLevel; service: string; destination?: pino.DestinationStream }): void {
  root = pino(
    {
      level: opts.level ?? 'info',
      base: { service: opts.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    opts.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

function base(): pino.Logger {
  if (!root) configureLogging({ service: 'pharma-radar', level: (process.env.LOG_LEVEL as LogLevel) || 'info' });
  return root!;
}

class PinoLogger implements Logger {
  constructor(private readonly context: string) {}
  private write(level: 'error' | 'warn' | 'info' | 'debug', msg: string, fields?: Record<string, unknown>) {
    const target = base();
    if (!target.isLevelEnabled(level)) return;
    const masked = fields ? (maskValue(serialiseErrors(fields)) as Record<string, unknown>) : {};
    target[level]({ context: this.context, ...masked }, maskString(msg));
  }
  error(msg: string, fields?: Record<string, unknown>) { this.write('error', msg, fields); }
  warn(msg: string, fields?: Record<string, unknown>) { this.write('warn', msg, fields); }
  info(msg: string, fields?: Record<string, unknown>) { this.write('info', msg, fields); }
  debug(msg: string, fields?: Record<string, unknown>) { this.write('debug', msg, fields); }
  child(context: string): Logger { return new PinoLogger(`${this.context}:${context}`); }
}

function serialiseErrors(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, code: (v as { code?: unknown }).code } : v;
  }
  return out;
}

/** A logger whose lines carry `context` (usually the class name) and the current correlation id. */
export function getLogger(context: string): Logger {
  return new PinoLogger(context);
}

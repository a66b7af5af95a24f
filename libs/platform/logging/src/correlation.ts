import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface CorrelationContext {
  correlationId: string;
}

// One store for the whole process: the messaging layer enters it per message, HTTP per request,
// and every log line picks the id up without handlers passing it around.
const store = new AsyncLocalStorage<CorrelationContext>();

export function withCorrelation<T>(correlationId: string | undefined, fn: () => T): T {
  return store.run({ correlationId: correlationId || newCorrelationId() }, fn);
}

export function currentCorrelationId(): string | undefined {
  return store.getStore()?.correlationId;
}

export function newCorrelationId(): string {
  return randomUUID();
}

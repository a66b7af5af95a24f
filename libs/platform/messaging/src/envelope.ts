import { randomUUID } from 'node:crypto';
import { Envelope, Headers, TopicName, TopicPayload, TopicSpecs } from '@pharma-radar/contracts';
import { currentCorrelationId, newCorrelationId } from '@pharma-radar/platform-logging';

export function createEnvelope<T extends TopicName>(topic: T, payload: TopicPayload[T], opts: { correlationId?: string; id?: string } = {}): Envelope<string, TopicPayload[T]> {
  const spec = TopicSpecs[topic];
  return {
    id: opts.id ?? randomUUID(),
    type: spec.eventType,
    version: spec.version,
    occurredAt: new Date().toISOString(),
    correlationId: opts.correlationId ?? currentCorrelationId() ?? newCorrelationId(),
    payload,
  };
}

export function encodeEnvelope(envelope: Envelope): { value: Buffer; headers: Record<string, string> } {
  return {
    value: Buffer.from(JSON.stringify(envelope)),
    headers: {
      [Headers.correlationId]: envelope.correlationId,
      [Headers.eventType]: envelope.type,
      [Headers.eventVersion]: String(envelope.version),
    },
  };
}

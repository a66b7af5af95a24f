import { randomBytes } from 'node:crypto';

let counter = 0;

/**
 * A name no other test (in this worker, another worker, or another run) will produce, for Redis key
 * prefixes, topic names and consumer groups. Only [A-Za-z0-9._-], so it is a legal Kafka topic name.
 */
export function uniquePrefix(label: string): string {
  const safe = label.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'test';
  counter += 1;
  return `${safe}-${process.pid}-${counter}-${randomBytes(4).toString('hex')}`;
}

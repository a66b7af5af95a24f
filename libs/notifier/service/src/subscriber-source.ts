import type { Subscriber } from '@pharma-radar/notifier-subscriptions';

/** Where delivery reads subscribers: the validated file, or the subscriptions API's directory. */
export interface SubscriberSource {
  /** The current list; the same array until something changes (workers index it once per version). */
  list(): readonly Subscriber[];
}

export function staticSubscribers(subscribers: readonly Subscriber[]): SubscriberSource {
  const frozen = Object.freeze([...subscribers]);
  return { list: () => frozen };
}

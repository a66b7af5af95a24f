import type { Subscriber } from './subscriber';

/**
 * Who can be alerted, as the delivery side reads it: the file's subscribers and those created through the
 * subscriptions API (libs/notifier/api provides it under SUBSCRIBER_DIRECTORY). `list()` is a cheap frozen
 * snapshot, fine to call per flag; `onChange` fires after every change and returns an unsubscribe function.
 * Here, not in notifier-api, so a feature lib can depend on it (feature → feature imports are not allowed).
 */
export interface SubscriberDirectory {
  list(): readonly Subscriber[];
  onChange(listener: (subscribers: readonly Subscriber[]) => void): () => void;
}

/** Nest injection token of the app's one SubscriberDirectory. */
export const SUBSCRIBER_DIRECTORY = Symbol.for('pharma-radar.notifier.subscriber-directory');

/** A directory that never changes: the file-only mode and tests. */
export function staticDirectory(subscribers: readonly Subscriber[]): SubscriberDirectory {
  const list = Object.freeze([...subscribers]);
  return { list: () => list, onChange: () => () => undefined };
}

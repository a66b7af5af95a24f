/** Where a subscription to one feed's hub stands. Stored per feed; changed only by the transitions in intent.ts. */
export type SubscriptionState =
  /** Asked the hub; waiting for its verification of intent. */
  | 'requested'
  /** The hub verified; content arrives until `expiresAt`. */
  | 'active'
  /** Asked the hub to stop; waiting for its verification. */
  | 'unsubscribing'
  /** The hub refused (hub.mode=denied); polling carries the feed. */
  | 'denied';

export interface WebSubSubscription {
  feedId: string;
  /** The feed's self URL (or the URL polled when the feed names none): what the hub knows the feed by. */
  topic: string;
  hub: string;
  /** HMAC key the hub signs content with; generated per subscription, never logged. */
  secret: string;
  state: SubscriptionState;
  /** Epoch ms of the last subscribe or unsubscribe request. */
  requestedAt: number;
  /** Requests sent since the last verification: drives the backoff of a hub that never verifies. */
  attempts: number;
  leaseSeconds?: number;
  /** Epoch ms when the hub's lease ends; set on verification. */
  expiresAt?: number;
  /** Why the hub denied, or the last request failed. */
  reason?: string;
}

/** WebSub links a feed advertises (Link headers first, then the document's own links). */
export interface WebSubLinks {
  hubs: string[];
  /** rel=self: the topic URL. */
  self: string | null;
}

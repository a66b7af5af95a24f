export const VOCABULARY = Symbol('VOCABULARY');
export const ADMIN_KEY_CHECK = Symbol('ADMIN_KEY_CHECK');
/** The SubscriberDirectory the delivery side injects. */
export const SUBSCRIBER_DIRECTORY = Symbol('SUBSCRIBER_DIRECTORY');
export const LINK_SECRETS = Symbol('LINK_SECRETS');
export const CLOCK = Symbol('CLOCK');

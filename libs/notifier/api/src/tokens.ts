export const VOCABULARY = Symbol('VOCABULARY');
export const ADMIN_KEY_CHECK = Symbol('ADMIN_KEY_CHECK');
export const LINK_SECRETS = Symbol('LINK_SECRETS');
export const CLOCK = Symbol('CLOCK');

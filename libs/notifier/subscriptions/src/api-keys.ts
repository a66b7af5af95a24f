import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys carry 256 random bits, so one SHA-256 (no salt, no slow hash) is enough to store them: there is
 * nothing to brute-force that is cheaper than the key space. The prefix lets secret scanners recognise a leak.
 */
export const API_KEY_PREFIX = 'prk_';
const API_KEY_SHAPE = /^prk_[A-Za-z0-9_-]{43}$/;

export interface IssuedApiKey {
  /** Public id, to list and revoke a key without ever showing it again. */
  id: string;
  /** The secret, shown once on creation and never stored. */
  key: string;
  sha256: string;
}

export function issueApiKey(random: (n: number) => Buffer = randomBytes): IssuedApiKey {
  const key = API_KEY_PREFIX + random(32).toString('base64url');
  return { id: `key_${random(8).toString('hex')}`, key, sha256: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The key from an `Authorization: Bearer <key>` header, or null when the header is missing or has another shape. */
export function bearerKey(header: string | undefined): string | null {
  if (!header || header.length > 200) return null;
  const m = /^Bearer ([^\s]+)$/i.exec(header.trim());
  return m ? m[1] : null;
}

/** Cheap shape check before hashing: a value that cannot be one of our keys is refused without a lookup. */
export function looksLikeApiKey(key: string): boolean {
  return API_KEY_SHAPE.test(key);
}

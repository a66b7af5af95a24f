import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureErrorCode = 'SIGNATURE_MISSING' | 'SIGNATURE_MALFORMED' | 'SIGNATURE_ALGORITHM' | 'SIGNATURE_MISMATCH';

/** The algorithms WebSub §8 names; sha1 only because hubs still default to it. */
const ALGORITHMS: Record<string, number> = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 };

export type SignatureCheck = { ok: true; algorithm: string } | { ok: false; code: SignatureErrorCode; message: string };

/**
 * Checks `X-Hub-Signature: <method>=<hex HMAC of the raw body>` against the subscription's secret, in constant time.
 * Content without a valid signature is never ingested: anyone who learns a callback URL could otherwise publish into
 * the pipeline.
 */
export function verifySignature(header: string | undefined | null, body: Uint8Array, secret: string): SignatureCheck {
  if (!header) return { ok: false, code: 'SIGNATURE_MISSING', message: 'X-Hub-Signature is required' };
  const m = /^\s*([a-z0-9]+)=([0-9a-f]+)\s*$/i.exec(header);
  if (!m) return { ok: false, code: 'SIGNATURE_MALFORMED', message: 'X-Hub-Signature must be <method>=<hex digest>' };
  const algorithm = m[1].toLowerCase();
  const size = ALGORITHMS[algorithm];
  if (!size) return { ok: false, code: 'SIGNATURE_ALGORITHM', message: `unsupported signature method ${algorithm.slice(0, 16)} (sha1, sha256, sha384, sha512)` };
  const given = Buffer.from(m[2].toLowerCase(), 'hex');
  if (given.length !== size) return { ok: false, code: 'SIGNATURE_MALFORMED', message: `a ${algorithm} digest is ${size * 2} hex digits` };
  const expected = createHmac(algorithm, secret).update(body).digest();
  return timingSafeEqual(given, expected) ? { ok: true, algorithm } : { ok: false, code: 'SIGNATURE_MISMATCH', message: 'signature does not match the body' };
}

/** The header a hub would send: for tests and local hubs. */
export function signBody(body: Uint8Array, secret: string, algorithm: keyof typeof ALGORITHMS = 'sha256'): string {
  return `${algorithm}=${createHmac(algorithm, secret).update(body).digest('hex')}`;
}

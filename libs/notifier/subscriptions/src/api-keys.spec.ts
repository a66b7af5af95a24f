import { bearerKey, hashApiKey, issueApiKey, looksLikeApiKey } from './api-keys';

describe('issueApiKey', () => {
  it('should issue a high-entropy key whose stored form is its SHA-256 digest only', () => {
    const k = issueApiKey();
    expect(k.key).toMatch(/^prk_[A-Za-z0-9_-]{43}$/);
    expect(k.sha256).toBe(hashApiKey(k.key));
    expect(k.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(k.sha256).not.toContain(k.key.slice(4));
    expect(looksLikeApiKey(k.key)).toBe(true);
  });

  it('should issue a different key and id every time', () => {
    const a = issueApiKey();
    const b = issueApiKey();
    expect(a.key).not.toBe(b.key);
    expect(a.id).not.toBe(b.id);
  });

  it('should hash with SHA-256 when given a known key', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('bearerKey', () => {
  it('should read the key when the header is a Bearer credential', () => {
    expect(bearerKey('Bearer prk_x')).toBe('prk_x');
    expect(bearerKey('bearer prk_x')).toBe('prk_x');
  });

  it('should give null when the header is missing, another scheme, or oversized', () => {
    expect(bearerKey(undefined)).toBeNull();
    expect(bearerKey('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerKey('Bearer a b')).toBeNull();
    expect(bearerKey(`Bearer ${'a'.repeat(300)}`)).toBeNull();
  });
});

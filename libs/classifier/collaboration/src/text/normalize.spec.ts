import { normalizeText } from './normalize';

describe('normalizeText', () => {
  it('should unify quotes, strip zero-width and bidi characters when present', () => {
    expect(normalizeText('Lilly\u2019s \u201Cpact\u201D\u200B\u202E', 100)).toBe('Lilly\'s "pact"');
  });

  it('should return an empty string when the value is not a string', () => {
    expect(normalizeText(42, 10)).toBe('');
    expect(normalizeText(undefined, 10)).toBe('');
  });

  it('should cap the length when the input is longer than the limit', () => {
    expect(normalizeText('x'.repeat(50), 10)).toHaveLength(10);
  });
});

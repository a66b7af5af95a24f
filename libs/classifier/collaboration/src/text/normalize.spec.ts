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

  it('should give the same text as six replace() passes when every special character occurs', () => {
    const sixPasses = (t: string) => t
      .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g, '')
      .replace(/[\u2018\u2019\u201A\u201B\u2032\u00B4`]/g, "'")
      .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
      .replace(/[\u2010\u2011\u2012\u2212]/g, '-')
      .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t\f\v]/g, ' ')
      .replace(/[\u2028\u2029\u0085\r]/g, '\n');
    let all = 'a';
    for (let code = 0; code <= 0x3100; code++) all += String.fromCharCode(code) + 'b';
    all += '\uFEFF\u3000z';
    expect(normalizeText(all, 100_000)).toBe(sixPasses(all));
  });
});

import { uniquePrefix } from './unique-prefix';

describe('uniquePrefix', () => {
  it('should never repeat when called many times with the same label', () => {
    const values = Array.from({ length: 1000 }, () => uniquePrefix('same'));
    expect(new Set(values).size).toBe(1000);
  });

  it('should be a legal Kafka topic name when the label has spaces and symbols', () => {
    const value = uniquePrefix('feeds: Pfizer/BioNTech *deal*');
    expect(value).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(value.length).toBeLessThanOrEqual(249);
    expect(value.startsWith('feeds-Pfizer-BioNTech-deal-')).toBe(true);
  });

  it('should still produce a usable name when the label is empty', () => {
    expect(uniquePrefix('')).toMatch(/^test-\d+-\d+-[0-9a-f]{8}$/);
  });
});

import { parseDate } from './dates';

describe('parseDate: the two exact forms (read without the general path)', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');

  it.each([
    ['Tue, 03 Mar 2026 10:00:00 GMT', '2026-03-03T10:00:00.000Z'],
    ['Tue, 03 Mar 2026 10:00:00 +0530', '2026-03-03T04:30:00.000Z'],
    ['Sat, 31 Jan 2026 23:59:59 -0800', '2026-02-01T07:59:59.000Z'],
    ['2026-03-03T10:00:00Z', '2026-03-03T10:00:00.000Z'],
    ['2026-03-03T10:00:00.1234Z', '2026-03-03T10:00:00.123Z'],
    ['2026-03-03T10:00:00.9996+02:00', '2026-03-03T08:00:01.000Z'],
    ['2024-02-29T10:00:00Z', '2024-02-29T10:00:00.000Z'],
    ['2026-03-03T24:00:00Z', '2026-03-04T00:00:00.000Z'],
    ['2026-03-03T10:00:60Z', '2026-03-03T10:00:59.000Z'],
  ])('should read %j as %s', (raw, iso) => {
    expect(parseDate(raw, now)).toEqual({ iso });
  });

  it.each([
    ['Tue, 31 Feb 2026 10:00:00 GMT', 'impossible date refused "Tue, 31 Feb 2026 10:00:00 GMT"'],
    ['2026-02-29T10:00:00Z', 'impossible date refused "2026-02-29T10:00:00Z"'],
    ['2026-13-01T10:00:00Z', 'impossible date refused "2026-13-01T10:00:00Z"'],
    ['Tue, 03 Mar 2026 25:00:00 GMT', 'unparseable date "Tue, 03 Mar 2026 25:00:00 GMT"'],
    ['Tue, 03 Xyz 2026 10:00:00 GMT', 'unparseable date "Tue, 03 Xyz 2026 10:00:00 GMT"'],
    ['2028-03-03T10:00:00Z', 'future date ignored "2028-03-03T10:00:00Z"'],
    ['1970-01-01T00:00:00Z', 'date before 1971 ignored "1970-01-01T00:00:00Z"'],
  ])('should refuse %j with the general path\'s warning', (raw, warning) => {
    expect(parseDate(raw, now)).toEqual({ iso: null, warning });
  });
});

import { isoString } from './dates';
import { canonicalUrl, contentHash, htmlToLine, htmlToText, itemId, parseDate, resolveLink } from './index';

describe('canonicalUrl', () => {
  it.each([
    ['https://News.Example.COM/a/b/?utm_source=x&utm_medium=y&id=3&a=1#frag', 'https://news.example.com/a/b?a=1&id=3'],
    ['http://news.example.com:80/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4', 'https://news.example.com/a'],
    ['https://news.example.com:443/', 'https://news.example.com/'],
    ['https://news.example.com./x//y/', 'https://news.example.com/x/y'],
    ['https://news.example.com:8443/x', 'https://news.example.com:8443/x'],
    ['https://news.example.com/x?b=2&a=1&a=0', 'https://news.example.com/x?a=0&a=1&b=2'],
  ])('should normalise %s when it has tracking, case, port or slash variants', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('should treat http and https as one article when the rest is equal', () => {
    expect(canonicalUrl('http://a.example/p')).toBe(canonicalUrl('https://a.example/p'));
  });

  it.each(['javascript:alert(1)', 'ftp://a.example/x', 'not a url', '', 'https://user:pw@a.example/'])('should return null when given %j', (input) => {
    expect(canonicalUrl(input)).toBeNull();
  });
});

describe('resolveLink', () => {
  it('should resolve relative links when a base is known and refuse them otherwise', () => {
    expect(resolveLink('../x', 'https://a.example/b/c/')).toBe('https://a.example/b/x');
    expect(resolveLink('/x', null)).toBeNull();
    expect(resolveLink('//evil.example/x', 'https://a.example/')).toBeNull();
    expect(resolveLink('  https://a.example/x  ')).toBe('https://a.example/x');
  });
});

describe('itemId', () => {
  it('should prefer the canonical link over the guid when both exist', () => {
    const a = itemId({ link: 'https://a.example/p?utm_source=rss', guid: 'fresh-guid-1' });
    const b = itemId({ link: 'http://A.example/p/', guid: 'fresh-guid-2' });
    expect(a).toBe(b);
  });

  it('should use the guid when there is no link, then title and date', () => {
    expect(itemId({ guid: 'g' })).toBe(itemId({ guid: 'g', title: 'other' }));
    expect(itemId({ title: 'T', published: '2026-01-01T00:00:00.000Z' })).not.toBe(itemId({ title: 'T', published: '2026-01-02T00:00:00.000Z' }));
    expect(itemId({ guid: 'g' })).toMatch(/^i_[0-9a-f]{20}$/);
  });
});

describe('contentHash', () => {
  it('should ignore case and spacing but not wording', () => {
    expect(contentHash('Deal  signed', 'Text\nhere')).toBe(contentHash('deal signed', 'text here'));
    expect(contentHash('Deal signed', 'Text')).not.toBe(contentHash('Deal ended', 'Text'));
    expect(contentHash('a', 'b')).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('parseDate', () => {
  const now = Date.parse('2026-03-01T00:00:00Z');
  it.each([
    ['Thu, 28 Jul 2022 03:39:57 GMT', '2022-07-28T03:39:57.000Z'],
    ['Thu, 28 Jul 2022 03:39:57 +0200', '2022-07-28T01:39:57.000Z'],
    ['28 Jul 2022 03:39 EST', '2022-07-28T08:39:00.000Z'],
    ['Thu, 28 Jul 22 03:39:57 PDT', '2022-07-28T10:39:57.000Z'],
    ['2022-07-28T03:39:57Z', '2022-07-28T03:39:57.000Z'],
    ['2022-07-28T03:39:57.123+05:30', '2022-07-27T22:09:57.123Z'],
    ['2022-07-28 03:39:57', '2022-07-28T03:39:57.000Z'],
    ['20220728T033957Z', '2022-07-28T03:39:57.000Z'],
    ['2022-07-28', '2022-07-28T00:00:00.000Z'],
  ])('should parse %s', (raw, iso) => {
    expect(parseDate(raw, now).iso).toBe(iso);
  });

  it.each(['not a date', '31 Feb 2026 10:00:00 GMT', '1', 'Thu, 01 Jan 1970 00:00:00 GMT', '2026-03-04T00:00:00Z'])('should return null with a warning when given %j', (raw) => {
    const r = parseDate(raw, now);
    expect(r.iso).toBeNull();
    expect(r.warning).toBeDefined();
  });

  it('should accept a date one day ahead when clocks disagree', () => {
    expect(parseDate('2026-03-02T00:00:00Z', now).iso).toBe('2026-03-02T00:00:00.000Z');
  });
});

describe('parseDate: the two exact forms (read without the general path)', () => {
  const now = Date.parse('2026-12-01T00:00:00Z'); // after every date below that is not refused as future

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
    ['3 Mar 2026 10:00 EST', '2026-03-03T15:00:00.000Z'],
    ['Tue, 03 Mar 2026 10:00:00 PDT', '2026-03-03T17:00:00.000Z'],
    ['Tue, 03 Mar 2026 10:00:00 A', '2026-03-03T10:00:00.000Z'],
  ])('should read %j as %s', (raw, iso) => {
    expect(parseDate(raw, now)).toEqual({ iso });
  });

  it.each([
    ['Tue, 31 Feb 2026 10:00:00 GMT', 'impossible date refused "Tue, 31 Feb 2026 10:00:00 GMT"'],
    ['2026-02-29T10:00:00Z', 'impossible date refused "2026-02-29T10:00:00Z"'],
    ['2026-13-01T10:00:00Z', 'impossible date refused "2026-13-01T10:00:00Z"'],
    ['Tue, 03 Mar 2026 25:00:00 GMT', 'unparseable date "Tue, 03 Mar 2026 25:00:00 GMT"'],
    ['Tue, 03 Xyz 2026 10:00:00 GMT', 'unparseable date "Tue, 03 Xyz 2026 10:00:00 GMT"'],
    ['Tue, 31 Apr 2026 10:00 EDT', 'impossible date refused "Tue, 31 Apr 2026 10:00 EDT"'],
    ['2028-03-03T10:00:00Z', 'future date ignored "2028-03-03T10:00:00Z"'],
    ['1970-01-01T00:00:00Z', 'date before 1971 ignored "1970-01-01T00:00:00Z"'],
  ])('should refuse %j with the general path\'s warning', (raw, warning) => {
    expect(parseDate(raw, now)).toEqual({ iso: null, warning });
  });
});

describe('isoString', () => {
  it('should write what toISOString writes for any millisecond from 1971 to 2200', () => {
    let state = 9;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const from = Date.UTC(1971, 0, 1);
    const to = Date.UTC(2200, 0, 1);
    const times = [from, to, Date.UTC(2000, 1, 29), Date.UTC(2100, 2, 1), Date.UTC(2024, 11, 31, 23, 59, 59, 999)];
    for (let k = 0; k < 50_000; k++) times.push(Math.floor(from + next() * (to - from)));
    expect(times.filter((t) => isoString(t) !== new Date(t).toISOString())).toEqual([]);
  });
});

describe('text cleaning', () => {
  it('should strip tags and scripts and keep paragraphs when converting HTML', () => {
    expect(htmlToText('<p>One &amp; <b>two</b></p><script>x<y</script><style>p{}</style><p>Three</p>')).toBe('One & two\nThree');
  });

  it('should drop controls, bidi and zero-width characters when building a line', () => {
    expect(htmlToLine('a\u0000b\u202Ec\u2066d\u200Be\uFEFFf\r\ng\u0085h')).toBe('abcdef g h');
  });

  it('should not split a surrogate pair when capping', () => {
    const s = htmlToLine('a'.repeat(999) + '😀😀', 1_000);
    expect(s).toBe('a'.repeat(999));
  });
});

import { decodeXmlText } from './entities';
import { FeedParseResult, parseDate, parseFeed } from './index';
import { MAX_CHILDREN, MAX_VALUE_TAGS, XNode, guardXml } from './xml-guard';

const rss = (body: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${body}</channel></rss>`;
/** The first item element of a guarded RSS document. */
function firstItem(xml: string): XNode {
  const g = guardXml(xml);
  if (!g.ok) throw new Error(g.message);
  return ((g.tree.channel as XNode[])[0].item as XNode[])[0];
}
const value = (n: XNode, field: string) => ((n[field] as XNode[])[0]._ ?? '') as string;
const item = (i: number, extra = '') => `<item><title>t${i}</title><link>https://w.example/${i}</link>${extra}</item>`;

async function ok(body: string, opts?: Parameters<typeof parseFeed>[1]) {
  const r: FeedParseResult = await parseFeed(body, opts);
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r;
}

describe('parseFeed: dates as real feeds write them', () => {
  it('should read a date when the date element wraps it in markup', async () => {
    const r = await ok(rss(item(1, '<pubDate><span class="date-display-single">Tue, 03 Mar 2026 10:00:00 GMT</span></pubDate>')));
    expect(r.items[0].published).toBe('2026-03-03T10:00:00.000Z');
  });

  it('should read an Atom date when it is wrapped in markup', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>e</title><id>tag:a,1</id><link href="https://a.example/1"/><published><time datetime="x">2026-03-03T10:00:00Z</time></published></entry></feed>`;
    expect((await ok(atom)).items[0].published).toBe('2026-03-03T10:00:00.000Z');
  });

  it.each(['Tue, 31 Feb 2026 10:00:00 GMT', '2026-02-30T10:00:00Z', 'February 31, 2026', '31 April 2026', '2026-02-29'])(
    'should refuse %j with a warning when the day does not exist',
    (raw) => {
      const d = parseDate(raw, Date.parse('2026-12-01T00:00:00Z'));
      expect(d.iso).toBeNull();
      expect(d.warning).toMatch(/^impossible date refused/);
    },
  );

  it('should keep 29 February when the year is a leap year', () => {
    expect(parseDate('Thu, 29 Feb 2024 10:00:00 GMT', Date.parse('2026-01-01')).iso).toBe('2024-02-29T10:00:00.000Z');
    expect(parseDate('February 29, 2024', Date.parse('2026-01-01')).iso).not.toBeNull();
  });

  it('should publish the item without a date and say why when its date is 31 February', async () => {
    const r = await ok(rss(item(1, '<pubDate>Tue, 31 Feb 2026 10:00:00 GMT</pubDate>')));
    expect(r.items[0].published).toBeNull();
    expect(r.warnings).toContain('impossible date refused "Tue, 31 Feb 2026 10:00:00 GMT"');
  });
});

describe('parseFeed: nothing dropped silently', () => {
  it('should cut a 100 000-item feed to the limit with a counted warning', async () => {
    const r = await ok(rss(Array.from({ length: 100_000 }, (_, i) => item(i)).join('')), { maxItems: 10_000 });
    expect(r.items).toHaveLength(10_000);
    expect(r.warnings).toContain('90000 items beyond the limit of 10000 dropped');
  });

  it('should keep both items when the first one is never closed', async () => {
    const r = await ok(rss(`<item><title>first</title><link>https://w.example/1</link>${item(2)}`));
    expect(r.items.map((i) => i.title)).toEqual(['first', 't2']);
    expect(r.warnings).toContain('1 unclosed items closed where the next item starts');
  });

  it('should keep every item when the second and third are never closed', async () => {
    const body = `${item(1)}<item><title>second</title><link>https://w.example/2</link><item><title>third</title><link>https://w.example/3</link>`;
    const r = await ok(rss(body));
    expect(r.items.map((i) => i.title)).toEqual(['t1', 'second', 'third']);
    expect(r.warnings.some((w) => /unclosed items closed/.test(w))).toBe(true);
  });

  it('should warn with a count when items are nested inside a closed item', async () => {
    const r = await ok(rss(`<item><title>outer</title><link>https://w.example/o</link>${item(1)}${item(2)}</item>${item(3)}`));
    expect(r.items.map((i) => i.title)).toEqual(['outer', 't3']);
    expect(r.warnings).toContain('2 items nested inside another item dropped');
  });
});

describe('parseFeed: cost bounded within the byte cap', () => {
  it('should decode a million &#65; into one value of a million characters when a description is 5 MB of references', () => {
    const description = value(firstItem(rss(item(1, `<description>${'&#65;'.repeat(1_000_000)}</description>`))), 'description');
    expect(description).toHaveLength(1_000_000);
    expect(description).toMatch(/^A+$/);
  });

  it('should never make text longer when it decodes references', () => {
    for (const s of ['&#65;'.repeat(1000), '&amp;'.repeat(1000), '&nbsp;&eacute;&#x1F600;&bogus;& &#0;', '&lt;&gt;&quot;&apos;']) {
      expect(decodeXmlText(s).length).toBeLessThanOrEqual(s.length);
    }
    expect(decodeXmlText('&#x1F600;&eacute;&bogus;&#0;a & b&#xD800;')).toBe('😀é&bogus;a & b');
  });

  it('should keep a flood of &lt; as plain text when a guid is made of it', async () => {
    const xml = rss(item(1, `<guid>${'&lt;'.repeat(1_000_000)}</guid>`));
    expect(value(firstItem(xml), 'guid')).toBe('<'.repeat(1_000_000));
    const r = await ok(xml);
    expect(r.items[0].title).toBe('t1');
  });

  it('should cut a flood of plain elements at the per-element limit with a warning', async () => {
    const flood = '<x-junk>b</x-junk>'.repeat(300_000);
    expect((firstItem(rss(item(1, flood)))['x-junk'] as XNode[]).length).toBeLessThanOrEqual(MAX_CHILDREN);
    const r = await ok(rss(item(1, flood) + item(2)));
    expect(r.items.map((i) => i.title)).toEqual(['t1', 't2']);
    expect(r.warnings.some((w) => /^\d+ elements beyond 1000 per parent/.test(w))).toBe(true);
  });

  it('should keep at most the tag limit of markup in one value and say so', async () => {
    const flood = '<p>b</p>'.repeat(MAX_VALUE_TAGS + 10);
    const xml = rss(item(1, `<description>${flood}</description>`));
    expect(value(firstItem(xml), 'description').split('<p>').length - 1).toBe(MAX_VALUE_TAGS);
    const g = guardXml(xml);
    expect(g.ok && g.warnings).toContain(`1 values with more than ${MAX_VALUE_TAGS} markup tags cut`);
    const r = await ok(rss(item(1, `<description>${flood}</description>`) + item(2)));
    expect(r.items).toHaveLength(2);
  });

  it('should keep escaped markup inside xhtml content as text, not tags', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>tag:a,1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">History of the &lt;blink&gt; tag</div></title></entry></feed>`;
    expect((await ok(atom)).items[0].title).toBe('History of the <blink> tag');
  });
});

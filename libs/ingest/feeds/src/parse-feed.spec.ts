import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeedErrorCode, FeedParseResult, NormalisedItem, parseFeed } from './index';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name));

async function parsedOk(body: string | Uint8Array, opts?: Parameters<typeof parseFeed>[1]) {
  const r = await parseFeed(body, opts);
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r;
}

function expectError(r: FeedParseResult, code: FeedErrorCode) {
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.code).toBe(code);
}

const byTitle = (items: NormalisedItem[], t: string) => items.find((i) => i.title === t);

describe('parseFeed: formats', () => {
  it('should normalise an RSS 2.0 feed when it is well formed', async () => {
    const r = await parsedOk(fixture('rss2.xml'));
    expect(r.format).toBe('rss');
    expect(r.feed).toEqual({ title: 'Example Pharma Wire', link: 'https://wire.example/', description: 'Deals & research news', language: 'en-gb' });
    const [a, b] = r.items;
    expect(a.title).toBe('Acme Bio and Northfield University sign oncology research pact');
    expect(a.guid).toBe('wire-1001');
    expect(a.link).toBe('https://wire.example/news/acme-northfield?utm_source=rss&utm_medium=feed');
    expect(a.canonicalUrl).toBe('https://wire.example/news/acme-northfield');
    expect(a.published).toBe('2026-03-03T08:15:00.000Z');
    expect(a.authors).toEqual(['Jane Roe']);
    expect(a.categories).toEqual(['Oncology', 'Partnerships']);
    expect(a.summary).toBe('Acme Bio will fund three years of research.');
    expect(a.content).toBe('First paragraph.\nSecond & last.');
    expect(a.contentHtml).toContain('<script>');
    expect(a.id).toMatch(/^i_[0-9a-f]{20}$/);
    expect(b.link).toBe('https://wire.example/news/relative');
    expect(b.authors).toEqual(['Press Office']);
    expect(b.published).toBe('2026-03-02T08:00:00.000Z');
  });

  it('should normalise an Atom 1.0 feed when entries have xhtml content and typed links', async () => {
    const r = await parsedOk(fixture('atom.xml'));
    expect(r.format).toBe('atom');
    expect(r.feed).toEqual({ title: 'Beispiel Biotech Blog', link: 'https://blog.example/', description: 'Forschung und Kooperationen', language: 'de' });
    const [e] = r.items;
    expect(e.title).toBe('Kooperation mit Charité verlängert');
    expect(e.link).toBe('https://blog.example/2026/02/kooperation');
    expect(e.guid).toBe('tag:blog.example,2026:1');
    expect(e.published).toBe('2026-02-10T09:30:00.000Z');
    expect(e.updated).toBe('2026-02-11T08:00:00.000Z');
    expect(e.authors).toEqual(['Max Mustermann']);
    expect(e.categories).toEqual(['Forschung']);
    expect(e.summary).toBe('Kurzfassung');
    expect(e.content).toBe('Erster Absatz.\nZweiter Absatz.');
  });

  it('should read RSS 1.0 when the document is RDF in ISO-8859-1', async () => {
    const r = await parsedOk(fixture('rdf.xml'));
    expect(r.format).toBe('rdf');
    expect(r.feed.title).toBe('Journal of Examples');
    expect(r.items[0]).toMatchObject({ title: 'Kinase inhibitors in practice', link: 'https://journal.example/articles/42', guid: 'https://journal.example/articles/42', published: '2026-01-05T00:00:00.000Z', categories: ['Pharmacology'] });
  });

  it('should read RSS 0.91 when it carries the Netscape DOCTYPE', async () => {
    const r = await parsedOk(fixture('rss091.xml'));
    expect(r.items.map((i) => i.link)).toEqual(['http://old.example/1']);
    expect(r.warnings).toContain('DOCTYPE removed');
  });

  it('should parse JSON Feed 1.1 when given JSON', async () => {
    const r = await parsedOk(fixture('json-feed.json'), { contentType: 'application/feed+json' });
    expect(r.format).toBe('json');
    expect(r.feed).toEqual({ title: 'JSON Pharma Notes', link: 'https://notes.example/', description: null, language: 'en' });
    const [first, second, third] = r.items;
    expect(first).toMatchObject({ guid: 'n-1', link: 'https://notes.example/2026/01/first', content: 'Hello world', published: '2026-01-20T15:00:00.000Z', authors: ['Notes Team'], categories: ['Vaccines', 'Policy'] });
    expect(second).toMatchObject({ guid: '2', title: '', published: null, content: 'A note with no title or url' });
    expect(third.link).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('should refuse JSON when it is not a JSON Feed', async () => {
    expectError(await parseFeed('{"hello":"world"}'), FeedErrorCode.NotAFeed);
    expectError(await parseFeed('{"version":'), FeedErrorCode.ParseFailed);
  });
});

describe('parseFeed: entity and DTD attacks (bad-inputs 1.1, 1.2)', () => {
  it('should not expand entities when the DOCTYPE declares a billion laughs', async () => {
    const started = Date.now();
    const r = await parsedOk(fixture('billion-laughs.xml'));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(r.items[0].title).toBe('&lol9;');
    expect(r.warnings).toContain('DOCTYPE with entity declarations removed unread');
  });

  it('should not expand a 50 KB entity when it is referenced 100 000 times', async () => {
    const big = 'x'.repeat(50_000);
    const refs = '&big;'.repeat(100_000);
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "${big}">]><rss version="2.0"><channel><title>q</title><item><title>t</title><description>${refs}</description><link>https://q.example/</link></item></channel></rss>`;
    const r = await parsedOk(xml);
    expect(r.items[0].summary).not.toContain('xxxx');
    expect(r.items[0].summary!.length).toBeLessThanOrEqual(200_000);
  });

  it('should decode a million numeric references when they are legitimate characters', async () => {
    const xml = `<rss version="2.0"><channel><title>n</title><item><title>t</title><link>https://n.example/</link><description>${'&#65;'.repeat(1_000_000)}</description></item></channel></rss>`;
    const r = await parsedOk(xml);
    expect(r.items[0].summary).toMatch(/^A+$/);
  });

  it('should resolve nothing when entities point at files, URLs or parameter entities', async () => {
    const r = await parsedOk(fixture('xxe.xml'));
    expect(r.feed.title).toBe('XXE &file;');
    expect(r.items[0].title).toBe('Remote &remote;');
    expect(JSON.stringify(r)).not.toContain('root:');
  });

  it('should ignore an external DTD when the DOCTYPE names one', async () => {
    const r = await parsedOk(fixture('external-dtd.xml'));
    expect(r.items[0].title).toBe('Item &ext;');
  });
});

describe('parseFeed: prototype pollution (bad-inputs 1.3)', () => {
  it('should leave Object.prototype untouched when elements are named __proto__ and constructor', async () => {
    const r = await parsedOk(fixture('proto.xml'));
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.getPrototypeOf(r.items[0])).toBe(Object.prototype);
    expect(r.items[0]).toMatchObject({ title: 'Proto item', categories: ['Safe'] });
    expect(r.feed.title).toBe('Pollution');
  });
});

describe('parseFeed: hostile text (bad-inputs 1.4, 1.6, 1.7)', () => {
  it('should strip markup, bidi overrides, zero-width and line breaks when titles carry them', async () => {
    const r = await parsedOk(fixture('xss.xml'));
    expect(r.feed.title).toBe('Feed ">');
    expect(r.items.map((i) => i.title)).toEqual([
      'Escaped',
      'CDATA',
      'RTL txt.exe and zerowidth',
      'Deal Bcc: attacker@evil.example x y',
      // Slack's <!channel> and <url|label> look like tags and are stripped; what is left is escaped by the notifier.
      '<@U123>',
    ]);
    expect(r.items[0].authors).toEqual(['Eve']);
    for (const i of r.items) expect(i.title).not.toMatch(/[\r\n\u2028\u0085\u202E\u200B]/);
  });

  it('should cap titles at 1 000 characters when a title is 40 000 characters long', async () => {
    const xml = `<rss version="2.0"><channel><title>l</title><item><title>${'A'.repeat(40_000)}</title><link>https://l.example/</link></item><item><title>${'*'.repeat(3_000)}</title><link>https://l.example/2</link></item></channel></rss>`;
    const r = await parsedOk(xml);
    expect(r.items[0].title).toHaveLength(1_000);
    expect(r.items[1].title).toHaveLength(1_000);
  });
});

describe('parseFeed: links (bad-inputs 1.5)', () => {
  it('should drop every non-http link when links use script, data or protocol-relative forms', async () => {
    const r = await parsedOk(fixture('links.xml'));
    const links = Object.fromEntries(r.items.map((i) => [i.title, i.link]));
    expect(links).toEqual({
      js: null,
      'mixed case': null,
      tab: null,
      data: null,
      vb: null,
      'protocol relative': null,
      loopback: 'http://127.0.0.1/admin',
      'cdata markup': null,
    });
  });

  it('should resolve relative links when xml:base is itself relative', async () => {
    const r = await parsedOk(fixture('atom-relative-base.xml'), { url: 'https://rel.example/feeds/atom.xml' });
    expect(r.feed.link).toBe('https://rel.example/blog/');
    expect(r.items[0].link).toBe('https://rel.example/blog/2026/post.html');
  });
});

describe('parseFeed: structure (bad-inputs 1.8)', () => {
  it('should refuse with FEED_TOO_DEEP when elements nest 20 000 deep', async () => {
    const xml = `<rss version="2.0"><channel><item><description>${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}</description></item></channel></rss>`;
    expectError(await parseFeed(xml), FeedErrorCode.TooDeep);
  });

  it('should refuse with FEED_TOO_LARGE when a text node is 10 MB', async () => {
    const xml = `<rss version="2.0"><channel><title>${'x'.repeat(10_000_000)}</title></channel></rss>`;
    expectError(await parseFeed(xml), FeedErrorCode.TooLarge);
  });

  it('should keep maxItems items and warn when the feed has 100 000 items', async () => {
    const item = (i: number) => `<item><title>t${i}</title><link>https://many.example/${i}</link></item>`;
    const xml = `<rss version="2.0"><channel><title>many</title>${Array.from({ length: 100_000 }, (_, i) => item(i)).join('')}</channel></rss>`;
    const r = await parsedOk(xml);
    expect(r.items).toHaveLength(500);
    expect(r.warnings).toContain('99500 items beyond the limit of 500 dropped');
    const ten = `<rss version="2.0"><channel>${Array.from({ length: 10 }, (_, i) => item(i)).join('')}</channel></rss>`;
    const small = await parsedOk(ten, { maxItems: 3 });
    expect(small.items).toHaveLength(3);
  });

  it('should cap categories at 50 when an item has 10 000', async () => {
    const cats = Array.from({ length: 10_000 }, (_, i) => `<category>c${i}</category>`).join('');
    const r = await parsedOk(`<rss version="2.0"><channel><item><title>c</title><link>https://c.example/</link>${cats}</item></channel></rss>`);
    expect(r.items[0].categories).toHaveLength(50);
  });

  it.each([
    ['an empty body', ''],
    ['only a BOM', '\uFEFF'],
    ['only whitespace', '  \n\t'],
  ])('should return FEED_EMPTY when given %s', async (_what, body) => {
    expectError(await parseFeed(body), FeedErrorCode.Empty);
  });

  it('should return FEED_EMPTY when the bytes are only a UTF-8 BOM', async () => {
    expectError(await parseFeed(new Uint8Array([0xef, 0xbb, 0xbf])), FeedErrorCode.Empty);
  });

  it('should parse when <?xml is preceded by whitespace and a BOM', async () => {
    const r = await parsedOk(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\n  '), fixture('rss2.xml')]));
    expect(r.items).toHaveLength(2);
  });

  it('should return FEED_PARSE_FAILED when the document is cut mid-tag', async () => {
    expectError(await parseFeed(fixture('truncated.xml')), FeedErrorCode.ParseFailed);
    const whole = fixture('rss2.xml').toString();
    for (const cut of [10, 100, 500, whole.length - 20]) expect((await parseFeed(whole.slice(0, cut))).ok).toBe(false);
  });

  it('should keep only the first root when there are two', async () => {
    const r = await parsedOk(fixture('two-roots.xml'));
    expect(r.items.map((i) => i.title)).toEqual(['Kept']);
    expect(r.warnings).toContain('content after the root element ignored');
  });
});

describe('parseFeed: wrong content (bad-inputs 1.9)', () => {
  it('should return FEED_NOT_A_FEED when given an HTML login page', async () => {
    expectError(await parseFeed(fixture('html-login.html'), { contentType: 'text/html' }), FeedErrorCode.NotAFeed);
  });

  it('should return FEED_NOT_A_FEED when given a Cloudflare challenge page', async () => {
    expectError(await parseFeed(fixture('cloudflare-403.html')), FeedErrorCode.NotAFeed);
  });

  it('should return FEED_NOT_A_FEED when given gzip bytes or plain text', async () => {
    expectError(await parseFeed(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0])), FeedErrorCode.NotAFeed);
    expectError(await parseFeed('hello world'), FeedErrorCode.NotAFeed);
  });

  it('should decode UTF-16 when the feed has no BOM', async () => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>Zürich ☃</title></channel></rss>';
    expect((await parsedOk(Buffer.from(xml, 'utf16le'))).feed.title).toBe('Zürich ☃');
    const be = Buffer.from(xml, 'utf16le').swap16();
    expect((await parsedOk(be)).feed.title).toBe('Zürich ☃');
    expect((await parsedOk(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]))).feed.title).toBe('Zürich ☃');
  });

  it('should decode ISO-8859-1 when the declaration says so and the bytes are not UTF-8', async () => {
    const xml = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>M'), Buffer.from([0xfc]), Buffer.from('nchen</title></channel></rss>')]);
    expect((await parsedOk(xml)).feed.title).toBe('München');
  });

  it('should prefer the Content-Type charset when it disagrees with the declaration', async () => {
    const xml = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>'), Buffer.from([0xe9]), Buffer.from('</title></channel></rss>')]);
    expect((await parsedOk(xml, { contentType: 'text/xml; charset=iso-8859-1' })).feed.title).toBe('é');
  });

  it('should fall back to windows-1252 with a warning when declared UTF-8 is invalid', async () => {
    const xml = Buffer.concat([Buffer.from('<rss version="2.0"><channel><title>caf'), Buffer.from([0xe9]), Buffer.from('</title></channel></rss>')]);
    const r = await parsedOk(xml);
    expect(r.feed.title).toBe('café');
    expect(r.warnings).toContain('invalid UTF-8, decoded as windows-1252');
  });

  it('should decode HTML named entities and drop invalid character references when there is no DTD', async () => {
    const r = await parsedOk(fixture('entities.xml'));
    expect(r.feed.title).toBe('Café\u00a0News © …'.replace('\u00a0', ' '));
    expect(r.items[0].title).toBe('Null surrogate big ok é A');
    expect(r.items[1].title).toBe('Unknown &bogus; and bare & ampersand & here');
    expect(r.items[1].link).toBe('https://ent.example/2?a=1&b=2');
  });
});

describe('parseFeed: dedup and dates (bad-inputs 1.10)', () => {
  it('should give one id to links that differ only in tracking, case, port, slash and scheme', async () => {
    const r = await parsedOk(fixture('dedup.xml'));
    expect(r.items.map((i) => i.title)).not.toContain('Tracked again');
    expect(r.warnings).toContain('1 duplicate items dropped');
    expect(byTitle(r.items, 'Tracked')!.canonicalUrl).toBe('https://dedup.example/story?id=7');
  });

  it('should fall back to title and date when an item has neither guid nor link', async () => {
    const r = await parsedOk(fixture('dedup.xml'));
    const bare = byTitle(r.items, 'No guid, no link')!;
    expect(bare.id).toMatch(/^i_/);
    expect(bare.link).toBeNull();
  });

  it('should null far-future, 1970 and unparseable dates with a warning', async () => {
    const r = await parsedOk(fixture('dedup.xml'));
    expect(byTitle(r.items, 'Future')!.published).toBeNull();
    expect(byTitle(r.items, 'Epoch')!.published).toBeNull();
    expect(byTitle(r.items, 'Garbage date')!.published).toBeNull();
    expect(r.warnings.some((w) => w.startsWith('future date ignored'))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('date before 1971 ignored'))).toBe(true);
    expect(r.warnings).toContain('unparseable date "not a date"');
  });

  it('should give the same id when two feeds share a guid but link to different articles', async () => {
    const feed = (link: string) => `<rss version="2.0"><channel><item><title>Same guid</title><guid>42</guid><link>${link}</link></item></channel></rss>`;
    const a = await parsedOk(feed('https://one.example/a'));
    const b = await parsedOk(feed('https://two.example/b'));
    expect(a.items[0].id).not.toBe(b.items[0].id);
  });
});

describe('parseFeed: never throws', () => {
  it('should return a result when given hostile odds and ends', async () => {
    const inputs: (string | Uint8Array)[] = [
      '<', '<rss', '<rss version="2.0"><channel><item><title>&', '<![CDATA[', '<!DOCTYPE rss [<!ENTITY a "', '<?xml', '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link/></entry></feed>',
      '<rss version="2.0"><channel><item><link></link><guid/></item></channel></rss>', '<rss><channel><item><title><b>x</b></title></item></channel></rss>',
      '<feed><entry><published>31 Feb 2026</published><link rel="alternate"/></entry></feed>', new Uint8Array([0, 0, 0, 0]), new Uint8Array(1000).fill(0xff),
      '{"version":"https://jsonfeed.org/version/1","items":[null,1,"x",{"id":{}}]}', '[]', 'null',
    ];
    for (const body of inputs) {
      const r = await parseFeed(body);
      expect(typeof r.ok).toBe('boolean');
    }
    // Callers typed in other languages may pass anything.
    expect((await parseFeed(undefined as unknown as string)).ok).toBe(false);
  });
});

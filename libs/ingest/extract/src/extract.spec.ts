import { extractArticle, MAX_ARTICLE_HTML } from './index';
import { HOSTILE_HTML } from './__fixtures__/hostile-html';

const sentence = (n: number) => `Paragraph ${n} explains, in some detail, how the research collaboration between the two companies will work, who pays, and when.`;
const para = (n: number) => `<p>${sentence(n)}</p>`;
const page = (head: string, body: string) => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;

describe('extractArticle', () => {
  describe('main text', () => {
    it('should keep the article paragraphs as lines and drop navigation, share bars, related links, comments and cookie banners', () => {
      const html = page(
        '<title>Acme | Wire</title><script>var x = "<p>not text</p>";</script>',
        `<div class="cookie-banner"><p>We use cookies to improve your experience, to measure, and to advertise.</p></div>
        <header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
        <div class="layout"><article><h1>Acme and Beta partner</h1>${para(1)}
          <div class="social-share"><p>Share this story with everyone you know, on every network, today</p></div>${para(2)}
          <p>Advertisement</p>${para(3)}<p>Tags: Acme, Beta</p><p>Related: Acme's earlier deal with Gamma</p></article>
        <div class="related-stories"><p>Related: another story entirely, which should not appear, with commas, and more</p></div>
        <section id="comments"><p>Great article, thanks, I learned a lot, really, and will share it</p></section></div>
        <footer><p>© 2026 Wire Ltd, all rights reserved, in every country, forever</p></footer>`,
      );
      const r = extractArticle(html);
      // The headline is the title, not a line of the text.
      expect(r.title).toBe('Acme and Beta partner');
      expect(r.text.split('\n')).toEqual([sentence(1), sentence(2), sentence(3)]);
      expect(r.paragraphs).toBe(3);
    });

    it('should not mistake a class word inside a longer word for boilerplate', () => {
      const r = extractArticle(page('', `<div class="shareholder-letter">${[1, 2, 3].map(para).join('')}</div>`));
      expect(r.text.split('\n')).toHaveLength(3);
    });

    it('should choose the article over a longer list of teasers to other stories', () => {
      const teasers = Array.from({ length: 12 }, (_, i) => `<li><a href="/s${i}">Other story number ${i} about something</a><span>A summary of another story, cut short, with commas, and a long tail that ends in...</span></li>`).join('');
      const r = extractArticle(page('', `<div class="main">${[1, 2, 3, 4].map(para).join('')}</div><div class="list"><ul>${teasers}</ul></div>`));
      expect(r.text.split('\n')).toEqual([1, 2, 3, 4].map(sentence));
    });

    it('should join the chunks of an article split by figures and ad slots into containers of the same class', () => {
      const chunk = (a: number, b: number) => `<div class="article-chunk">${para(a)}${para(b)}</div>`;
      const r = extractArticle(page('', `<div class="wrap"><div class="page">${chunk(1, 2)}<figure><img src="x.jpg"></figure></div>
        <div class="slot"><div class="ad-slot">AD</div></div><div class="page">${chunk(3, 4)}${chunk(5, 6)}</div></div>`));
      expect(r.text.split('\n')).toEqual([1, 2, 3, 4, 5, 6].map(sentence));
    });

    it('should skip a hover card inside a paragraph but keep the link text', () => {
      const r = extractArticle(page('', `<article><p>The deal was announced by <span class="rollover-people"><a href="/p/1">Jane Roe</a><span class="rollover-block">Jane Roe: ten other headlines about her</span></span> on Monday, with details, and terms, to follow soon.</p>${para(2)}</article>`));
      expect(r.text.split('\n')[0]).toBe('The deal was announced by Jane Roe on Monday, with details, and terms, to follow soon.');
    });

    it('should decode the charset the page declares and entities in the text', () => {
      const bytes = Buffer.concat([Buffer.from('<html><head><meta charset="iso-8859-1"></head><body><main><p>Caf'), Buffer.from([0xe9]), Buffer.from(' &amp; bar, one, two, three, four, five, six words</p></main></body></html>')]);
      expect(extractArticle(bytes).text).toBe('Café & bar, one, two, three, four, five, six words');
    });
  });

  describe('title, date and authors', () => {
    it('should take og:title first, then the h1, then <title>', () => {
      const body = `<article><h1>The headline</h1>${para(1)}</article>`;
      expect(extractArticle(page('<title>Doc | Site</title><meta property="og:title" content="OG &amp; title">', body)).title).toBe('OG & title');
      expect(extractArticle(page('<title>Doc | Site</title>', body)).title).toBe('The headline');
      expect(extractArticle(page('<title>Doc | Site</title>', `<div>${para(1)}</div>`)).title).toBe('Doc | Site');
    });

    it('should read the publication date from meta tags, then JSON-LD, then a time element, in UTC', () => {
      const body = `<article>${para(1)}</article>`;
      expect(extractArticle(page('<meta property="article:published_time" content="2026-03-02T10:00:00+01:00">', body)).published).toBe('2026-03-02T09:00:00.000Z');
      const ld = '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","headline":"H","datePublished":"2026-03-04T08:30:00Z","author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"John Doe"}]}]}</script>';
      const r = extractArticle(page(ld, body));
      expect(r.published).toBe('2026-03-04T08:30:00.000Z');
      expect(r.authors).toEqual(['Jane Roe', 'John Doe']);
      expect(extractArticle(page('', `<article><time datetime="2026-03-05">5 March</time>${para(1)}</article>`)).published).toBe('2026-03-05T00:00:00.000Z');
    });

    it('should refuse impossible or implausible dates and broken JSON-LD rather than guess', () => {
      const body = `<article>${para(1)}</article>`;
      expect(extractArticle(page('<meta property="article:published_time" content="2026-02-31T10:00:00Z">', body)).published).toBeNull();
      expect(extractArticle(page('<meta name="date" content="yesterday">', body)).published).toBeNull();
      expect(extractArticle(page('<meta name="date" content="1066-10-14">', body)).published).toBeNull();
      expect(extractArticle(page('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": </script>', body)).published).toBeNull();
    });

    it('should read authors from meta tags and from a byline, without "By" and without URLs', () => {
      const body = `<article>${para(1)}</article>`;
      expect(extractArticle(page('<meta name="author" content="Jane Roe">', body)).authors).toEqual(['Jane Roe']);
      expect(extractArticle(page('<meta property="article:author" content="https://facebook.com/someone">', body)).authors).toEqual([]);
      expect(extractArticle(page('', `<article><div class="byline">By Jane Roe and John Doe</div>${para(1)}</article>`)).authors).toEqual(['Jane Roe', 'John Doe']);
    });
  });

  describe('hostile input', () => {

    // How their time grows with size (linear, not quadratic) is printed by `npm run bench:extract`, not asserted here:
    // a timing in a test measures the machine as much as the code.
    it.each(HOSTILE_HTML.map(([name, make]) => [name, make] as [string, (n: number) => string]))('should return plain text and never throw on %s (5 MB)', (_name, make) => {
      const r = extractArticle(make(5_000_000));
      expect(typeof r.text).toBe('string');
      expect(r.text.length).toBeLessThanOrEqual(200_000);
    });

    it('should ignore everything past the size cap and junk inputs', () => {
      expect(extractArticle(`<article>${para(1)}</article>` + ' '.repeat(MAX_ARTICLE_HTML) + `<p>${sentence(2)}</p>`).text).toBe(sentence(1));
      for (const junk of ['', '<', '<p', '<<<>>>', 'plain text only', '<script>'.repeat(1000), '\u0000\uFFFF\uD800']) {
        expect(typeof extractArticle(junk).text).toBe('string');
      }
      expect(extractArticle(undefined as unknown as string)).toEqual({ title: null, text: '', paragraphs: 0, published: null, authors: [] });
    });
  });
});

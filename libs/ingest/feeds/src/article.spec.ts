import { extractArticleText } from './index';

const para = (n: number) => `<p>Paragraph ${n} explains, in some detail, how the research collaboration between the two companies will work, who pays, and when.</p>`;

describe('extractArticleText', () => {
  it('should keep the article paragraphs and drop navigation, scripts, asides and share bars', () => {
    const html = `<!DOCTYPE html><html><head><title>Acme &amp; Beta | Wire</title><script>var x = "<p>not text</p>";</script><style>p{}</style></head>
      <body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
      <div class="layout"><article><h1>Acme and Beta partner</h1>${para(1)}<div class="share-bar"><p>Share this on every network you can find today</p></div>${para(2)}
      <figure><img src="x.jpg"><figcaption>A photo caption that is not article text</figcaption></figure>${para(3)}</article>
      <aside><p>Related: something else entirely that should not appear, with commas, and more</p></aside></div>
      <footer><p>© 2026 Wire Ltd, all rights reserved, in every country, forever</p></footer><form><p>Subscribe to our newsletter today, it is free, really</p></form></body></html>`;
    const r = extractArticleText(html);
    // No og:title: the page's own headline wins over <title> with its site suffix.
    expect(r.title).toBe('Acme and Beta partner');
    // The headline is the title, not a line of the text.
    expect(r.text.split('\n')).toEqual(['Paragraph 1 explains, in some detail, how the research collaboration between the two companies will work, who pays, and when.', expect.stringMatching(/^Paragraph 2/), expect.stringMatching(/^Paragraph 3/)]);
    expect(r.paragraphs).toBe(3);
    expect(r.text).not.toMatch(/Share this|caption|Related|rights reserved|newsletter|not text|Home/);
  });

  it('should find the densest block when the page has no article element', () => {
    const html = `<html><body><div id="menu"><p>Short link list</p></div><div class="x">${[1, 2, 3, 4].map(para).join('')}</div><div class="y"><p>Tiny footer note, small.</p></div></body></html>`;
    const r = extractArticleText(html);
    expect(r.paragraphs).toBe(4);
    expect(r.text).not.toContain('footer note');
  });

  it('should close unclosed paragraphs and decode entities', () => {
    const r = extractArticleText(`<main><p>Caf&eacute; one, two, three, four, five, six, seven words here<p>Second &amp; final paragraph, with a comma, or two, here</main>`);
    expect(r.text).toBe('Café one, two, three, four, five, six, seven words here\nSecond & final paragraph, with a comma, or two, here');
  });

  it('should decode page bytes by their declared charset, not as UTF-8', () => {
    const page = `<html><head><meta charset="windows-1252"></head><body><article><p>Universit\u00e9 de Montr\u00e9al and Soci\u00e9t\u00e9 G\u00e9n\u00e9rale sign a research pact, with many words.</p></article></body></html>`;
    const bytes = Buffer.from(page, 'latin1');
    expect(extractArticleText(bytes).text).toContain('Université de Montréal');
    // The HTTP charset wins over the page's own declaration.
    expect(extractArticleText(Buffer.from(page.replace('windows-1252', 'utf-8'), 'latin1'), undefined, 'text/html; charset=ISO-8859-1').text).toContain('Société Générale');
    // Read as UTF-8, the same bytes would have been replacement characters.
    expect(bytes.toString('utf8')).toContain('\ufffd');
  });

  it('should return empty text and never throw when given junk', () => {
    for (const junk of ['', '<', '<p', '<<<>>>', '<div>'.repeat(50_000), 'plain text only', '<script>'.repeat(1000)]) {
      const r = extractArticleText(junk);
      expect(typeof r.text).toBe('string');
    }
    expect(extractArticleText(undefined as unknown as string)).toEqual({ title: null, text: '', paragraphs: 0 });
  });
});

import { cleanBlock as extractCleanBlock, cleanLine as extractCleanLine, tokenizeHtml } from '@pharma-radar/ingest-extract';
import { cleanBlock, cleanLine } from './clean-text';
import { decodeHtmlEntities, decodeXmlText } from './entities';
import { htmlToRawText } from './text';

/** Deterministic random strings over an alphabet of pieces (a linear congruential generator: same cases every run). */
function randomTexts(pieces: string[], count: number, maxPieces: number, seed: number): string[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(next() * maxPieces) }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
}

describe('cleanLine and cleanBlock', () => {
  const pieces = ['a', 'b', ' ', ' ', '\n', '\t', '\r', '\r\n', '\u00a0', '\u2003', '\u3000', '\u202f', '\u1680', '\u205f', '\u200b', '\u2028', '\u2029', '\ufeff', '\u0085', '\u000b', '\u000c', '\u0000', '\u00ad', '\u180e', '\ud83d', '\ude00', '😀', 'é'];

  it('should give what ingest-extract gives when the text mixes spaces, line breaks, controls and surrogates', () => {
    const texts = randomTexts(pieces, 20_000, 14, 1);
    const ours = texts.map((s) => [s, cleanLine(s), cleanBlock(s), cleanLine(s, 3), cleanBlock(s, 4)]);
    const theirs = texts.map((s) => [s, extractCleanLine(s), extractCleanBlock(s), extractCleanLine(s, 3), extractCleanBlock(s, 4)]);
    expect(ours.filter((r, i) => r.some((v, k) => v !== theirs[i][k]))).toEqual([]);
  });

  it('should keep paragraphs as single line breaks when lines end in CRLF and hold no-break spaces', () => {
    expect(cleanBlock('  First\u00a0 line. \r\n\r\n\tSecond\rthird  ')).toBe('First line.\nSecond\nthird');
    expect(cleanLine('  First\u00a0 line. \r\n\r\n\tSecond  ')).toBe('First line. Second');
  });

  it('should remove invisible characters and lone surrogates when the text holds them', () => {
    expect(cleanLine('ab\u200bc \ud800d\u202e')).toBe('abc d');
    expect(cleanBlock('x\u0085y')).toBe('x\ny');
  });

  it('should return the same string when there is nothing to clean', () => {
    const s = 'Nothing to clean here.\nSecond line.';
    expect(cleanBlock(s)).toBe(s);
  });
});

/** What htmlToRawText returned when it read ingest-extract's tokens: the reference its single pass must match. */
function rawTextByTokens(html: string): string {
  const BLOCK = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'dl', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'table', 'blockquote', 'section', 'article', 'header', 'footer', 'aside', 'nav', 'pre', 'hr', 'figure', 'figcaption', 'main', 'address', 'td', 'th']);
  const DROP = new Set(['script', 'style', 'textarea', 'xmp', 'noscript', 'template', 'iframe', 'noembed', 'noframes', 'head']);
  const out: string[] = [];
  let drop = 0;
  for (const t of tokenizeHtml(html)) {
    if (t.kind === 'text') {
      if (drop === 0) out.push(t.text);
    } else if (t.kind === 'open') {
      if (DROP.has(t.name) && !t.selfClosing) drop++;
      else if (BLOCK.has(t.name)) out.push('\n');
    } else if (t.kind === 'close') {
      if (DROP.has(t.name)) drop = Math.max(0, drop - 1);
      else if (BLOCK.has(t.name)) out.push('\n');
    }
  }
  return decodeHtmlEntities(out.join(''));
}

describe('htmlToRawText', () => {
  const pieces = [
    'a', ' ', '<', '>', '/', '!', '?', '"', "'", '=', '&', '&amp;', '&lt;p&gt;', '&nbsp;', '&#65;', '<!--', '-->', '<![CDATA[', ']]>',
    '<p>', '</P>', '<br/>', '<script>', '</SCRIPT>', '<script/>', '<head>', '</head>', '<style>x</style>', '<textarea>', '<img src="a>b">',
    "<a href='x'>", '</a>', '<b', '</b', '<?x?>', '<!x>', 'é', '<div class=x', 'x:y', '-', '1',
  ];

  it('should find the text ingest-extract\'s tokenizer finds when the markup is broken in every way', () => {
    const differing = randomTexts(pieces, 20_000, 14, 7).filter((s) => htmlToRawText(s) !== rawTextByTokens(s));
    expect(differing).toEqual([]);
  });

  it('should read tag names of up to 64 characters, as the tokenizer does', () => {
    for (const s of [`<${'p'.repeat(70)}>x`, `<${'a'.repeat(64)}<b>x`, `</${'p'.repeat(65)}>y<p>z`, `<scr${'i'.repeat(80)}>q</script>r`]) {
      expect(htmlToRawText(s)).toBe(rawTextByTokens(s));
    }
  });

  it('should drop scripts and <head> and break lines at blocks', () => {
    expect(htmlToRawText('<head><title>t</title></head><p>One &amp; two</p><script>if (a < b) x()</script>three')).toBe('\nOne & two\nthree');
  });
});

describe('decodeXmlText', () => {
  it('should decode the same when references are dense as when they are sparse', () => {
    const one = 'a &amp; b &#x41;&#66; &eacute;&bogus; &#0; &';
    const many = one.repeat(400); // past the point where it switches to one buffer
    expect(decodeXmlText(many)).toBe(decodeXmlText(one).repeat(400));
    expect(decodeXmlText(one)).toBe('a & b AB é&bogus;  &');
  });

  it('should keep "&" literal when no ";" follows within the longest name', () => {
    expect(decodeXmlText(`&${'a'.repeat(40)};&amp;`)).toBe(`&${'a'.repeat(40)};&`);
    expect(decodeXmlText('&'.repeat(10_000))).toBe('&'.repeat(10_000));
  });
});

import { decodeHtml, decodeHtmlEntities, parseAttrs } from './index';

describe('decodeHtml', () => {
  const latin1 = (s: string) => Buffer.from(s, 'latin1');

  it('should prefer a byte order mark, then the HTTP charset, then <meta charset>, then UTF-8', () => {
    expect(decodeHtml(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>é</p>', 'utf16le')]))).toBe('<p>é</p>');
    expect(decodeHtml(latin1('<p>caf\u00e9</p>'), 'text/html; charset=iso-8859-1')).toBe('<p>café</p>');
    expect(decodeHtml(latin1('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>\u0093q\u0094</p>'))).toContain('“q”');
    expect(decodeHtml(Buffer.from('<p>café</p>'))).toBe('<p>café</p>');
  });

  it('should read invalid UTF-8 as windows-1252 and ignore unknown or UTF-16 labels on ASCII-compatible bytes', () => {
    expect(decodeHtml(latin1('<p>caf\u00e9</p>'))).toBe('<p>café</p>');
    expect(decodeHtml(Buffer.from('<p>é</p>'), 'text/html; charset=x-no-such-thing')).toBe('<p>é</p>');
    expect(decodeHtml(Buffer.from('<meta charset="utf-16"><p>é</p>'))).toBe('<meta charset="utf-16"><p>é</p>');
  });
});

describe('decodeHtmlEntities', () => {
  it('should decode named, decimal, hex and windows-1252 references and leave unknown names literal', () => {
    expect(decodeHtmlEntities('Caf&eacute; &amp; &#8220;x&#x201D; &#151; &nbsp;&bogus; AT&T &copy 2026')).toBe('Café & “x” — \u00a0&bogus; AT&T © 2026');
  });

  it('should drop invalid code points and stop at the output cap', () => {
    expect(decodeHtmlEntities('a&#0;b&#xD800;c&#x110000;d')).toBe('abcd');
    expect(decodeHtmlEntities('&#65;'.repeat(1000), 10)).toBe('A'.repeat(10));
    expect(decodeHtmlEntities('x'.repeat(100), 5)).toBe('xxxxx');
  });
});

describe('parseAttrs', () => {
  it('should read quoted, unquoted and bare attributes with lower-cased names, the first of a repeated name winning', () => {
    const a = parseAttrs(` CLASS="story body" id=main data-x='1 2' hidden class="second" /`);
    expect([...a]).toEqual([['class', 'story body'], ['id', 'main'], ['data-x', '1 2'], ['hidden', '']]);
  });

  it('should end an unclosed quote at the end of the text', () => {
    expect(parseAttrs('title="never closed').get('title')).toBe('never closed');
  });
});

import { XNode, guardXml, readAttrs } from './xml-guard';

const XML_NAME = /^[A-Za-z_:\u00C0-\uFFFF][A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]*$/;

/**
 * The regular expression attributes were read with before the single pass, then the same name rules (an XML name,
 * the first of a repeated name wins): the reference readAttrs must match.
 */
function attrsByRegex(raw: string): Record<string, string> {
  const re = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  const out: Record<string, string> = {};
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) !== null) if (XML_NAME.test(m[1]) && !(m[1] in out)) out[m[1]] = m[2] ?? m[3] ?? m[4] ?? m[1];
  return out;
}

describe('readAttrs', () => {
  it('should split attributes as the regular expression it replaced did when quoting and spacing are broken', () => {
    const pieces = ['a', 'href', 'x:y', '=', ' ', '  ', '\t', '\n', '\u00a0', '\u3000', '"', "'", '/', '>', 'v', '1', '-', 'é', '""', "''", '="q r"', "='s'"];
    let state = 11;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const differing: string[] = [];
    for (let k = 0; k < 20_000; k++) {
      const raw = Array.from({ length: Math.floor(next() * 12) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
      if (JSON.stringify({ ...readAttrs(raw).attrs }) !== JSON.stringify(attrsByRegex(raw))) differing.push(raw);
    }
    expect(differing).toEqual([]);
  });

  it('should decode references in values, rename prototype keys and keep the first of a repeated name', () => {
    const { attrs, xmlBase } = readAttrs(` href="a?b=1&amp;c=2&#x41;" __proto__='x' rel=alternate rel="self" xml:base="/news/" pr-base="evil"`);
    expect({ ...attrs }).toEqual({ href: 'a?b=1&c=2A', 'x-__proto__': 'x', rel: 'alternate', 'xml:base': '/news/' });
    expect(xmlBase).toBe('/news/');
  });

  it('should read attributes in a tag with no space before "/>"', () => {
    const g = guardXml('<feed xmlns="http://www.w3.org/2005/Atom"><link href="https://a.example/x"/></feed>');
    expect(g.ok && ((g.tree['pr-link'] as XNode[])[0].$ as Record<string, string>).href).toBe('https://a.example/x');
  });
});

describe('guardXml: prototype keys', () => {
  it('should rename every element and attribute named like a prototype key, prefixed or not, and no other', () => {
    const g = guardXml(
      '<rss><channel><__proto__>a</__proto__><a:constructor>b</a:constructor><prototype>c</prototype><dc:__proto__>d</dc:__proto__>' +
        '<constructors>e</constructors><x_proto__>f</x_proto__><link a:prototype="1" constructor="2" href="h"/></channel></rss>',
    );
    if (!g.ok) throw new Error(g.message);
    const channel = (g.tree.channel as XNode[])[0];
    expect(Object.keys(channel).sort()).toEqual(['constructors', 'link', 'x-__proto__', 'x-a-constructor', 'x-dc-__proto__', 'x-prototype', 'x_proto__']);
    expect(Object.keys((channel.link as XNode[])[0].$ ?? {}).sort()).toEqual(['href', 'x-a-prototype', 'x-constructor']);
    expect(g.warnings).toContain('element <__proto__> renamed');
  });
});

describe('guardXml: characters XML forbids', () => {
  const titleOf = (xml: string) => {
    const g = guardXml(xml);
    if (!g.ok) throw new Error(g.message);
    return ((g.tree.channel as XNode[])[0].title as XNode[])[0]._;
  };

  it.each([
    ['a control character', 'a\u0001b', 'ab'],
    ['U+FFFE', 'a\uFFFEb', 'ab'],
    ['U+FFFF', 'a\uFFFFb', 'ab'],
    ['a lone high surrogate', 'a\uD800b', 'ab'],
    ['a lone low surrogate', 'a\uDC00b', 'ab'],
  ])('should remove %s wherever it is in the document', (_what, title, expected) => {
    expect(titleOf(`<rss><channel><title>${title}</title></channel></rss>`)).toBe(expected);
    expect(titleOf(`<rss><channel${title.slice(1, 2)}><title>${title}</title></channel></rss>`)).toBe(expected);
  });

  it('should keep emoji and tabs, line breaks as they are', () => {
    expect(titleOf('<rss><channel><title>a 😀\tb\nc</title></channel></rss>')).toBe('a 😀\tb\nc');
  });
});

describe('guardXml: the element tree', () => {
  it('should build elements and attribute objects that inherit nothing and share nothing writable', () => {
    const g = guardXml('<rss><channel><link href="h" rel="self"/><title>t</title></channel></rss>');
    if (!g.ok) throw new Error(g.message);
    const channel = (g.tree.channel as XNode[])[0];
    const link = (channel.link as XNode[])[0];
    for (const o of [g.tree, channel, link, link.$ as object]) {
      const proto = Object.getPrototypeOf(o) as object;
      expect(Object.getPrototypeOf(proto)).toBeNull();
      expect(Object.isFrozen(proto)).toBe(true);
      expect(Reflect.ownKeys(proto)).toEqual([]);
      expect('toString' in o || 'constructor' in o || 'hasOwnProperty' in o).toBe(false);
    }
  });
});

import { decodeHtml } from './decode';
import { decodeHtmlEntities } from './entities';
import { DROP_TAGS, hintKey, isBoilerplateLine, isNegative, isPositive } from './hints';
import { parseAttrs, tokenizeHtml } from './html-tokens';
import { PageMeta } from './metadata';
import { MAX_TEXT, cleanBlock, cleanLine } from './text';

/**
 * Main text of an article page without a DOM, in linear time: a forgiving tree built from the tokenizer (bounded in
 * depth and element count), boilerplate subtrees dropped (scripts, navigation, forms, hidden elements, and class/id
 * words from hint-words.json such as "share", "related", "comments"), then the container holding the most paragraph text
 * (Readability's scoring: text, commas, link density) with a preference for <article>, <main>, itemprop=articleBody.
 * Title, publication date and authors come from meta tags, JSON-LD, <time> and bylines.
 */
export interface Article {
  title: string | null;
  /** Paragraphs as lines. */
  text: string;
  paragraphs: number;
  /** ISO-8601 UTC. */
  published: string | null;
  authors: string[];
}

/** Characters of HTML looked at; the rest of a larger page is ignored (real articles end far before). */
export const MAX_ARTICLE_HTML = 5_000_000;
// Deeper nesting is flattened and elements past the count become plain text: the walks stay shallow and bounded.
const MAX_TREE_DEPTH = 256;
const MAX_ELEMENTS = 100_000;
const MAX_SAME_SIG = 200;
const TEASER_WEIGHT = Number(process.env.X_TW ?? 0.2);
const MIN_CHUNK_TEXT = Number(process.env.X_CH ?? 150);

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'dd', 'dt', 'td', 'th', 'tr', 'div', 'section', 'article', 'main', 'ul', 'ol', 'dl', 'table', 'br', 'hr']);
const PARA = new Set(['p', 'pre', 'blockquote', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'dd']);
// "p" is implicitly closed by these; without it, an unclosed <p> swallows the page.
const CLOSES_P = new Set(['p', 'div', 'ul', 'ol', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'section', 'article', 'header', 'footer', 'aside', 'nav', 'form', 'figure', 'main', 'dl']);
const NEVER_NEGATIVE = new Set(['body', 'html', 'article', 'main']);

interface El {
  name: string;
  parent: El | null;
  children: (El | string)[];
  /** Never text: scripts, navigation, hidden elements. */
  dropped: boolean;
  /** Looks like boilerplate by its class or id; ignored unless the article itself sits inside it. */
  negative: boolean;
  preferred: boolean;
  depth: number;
  /** Tag and class list: an article split into chunks repeats its body container's signature. */
  sig: string;
}

const newEl = (name: string, parent: El | null, depth: number, sig = ''): El => ({ name, parent, children: [], dropped: false, negative: false, preferred: false, depth, sig });

function isHidden(attrs: Map<string, string>): boolean {
  if (attrs.has('hidden') || attrs.get('aria-hidden') === 'true') return true;
  const style = attrs.get('style');
  return !!style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style.slice(0, 500));
}

interface Tree {
  root: El;
  h1: El | null;
  bylines: El[];
  /** Elements by signature (only those with a class). */
  bySig: Map<string, El[]>;
}

function buildTree(html: string, meta: PageMeta): Tree {
  const root = newEl('#root', null, 0);
  let cur = root;
  let inTitle = false;
  let elements = 0;
  let h1: El | null = null;
  let jsonLdNext = false;
  const bylines: El[] = [];
  const bySig = new Map<string, El[]>();
  // Open elements by name: a close tag nobody opened ("</b>" a million times under 256 open divs) costs nothing.
  const open = new Map<string, number>();
  const setCur = (el: El) => {
    for (let n: El | null = cur; n && n !== el && n !== root; n = n.parent) open.set(n.name, (open.get(n.name) ?? 1) - 1);
    cur = el;
  };
  const close = (name: string) => {
    if (!open.get(name)) return;
    for (let n: El | null = cur; n && n !== root; n = n.parent) {
      if (n.name === name) {
        setCur(n.parent ?? root);
        return;
      }
    }
  };
  for (const t of tokenizeHtml(html, { raw: true })) {
    if (t.kind === 'text') {
      if (inTitle) meta.docTitle = (meta.docTitle ?? '') + t.text;
      else cur.children.push(t.text);
      continue;
    }
    if (t.kind === 'raw') {
      if (jsonLdNext && t.name === 'script') meta.jsonLd(t.text);
      jsonLdNext = false;
      continue;
    }
    if (t.kind === 'close') {
      if (t.name === 'title') inTitle = false;
      else close(t.name);
      continue;
    }
    if (++elements > MAX_ELEMENTS) continue;
    const attrs = parseAttrs(t.attrs);
    if (t.name === 'title' && meta.docTitle === null && !t.selfClosing) {
      inTitle = true;
      continue;
    }
    if (t.name === 'meta') {
      meta.meta(attrs);
      continue;
    }
    // Dropped like any script below; its raw text is the next token.
    if (t.name === 'script') jsonLdNext = (attrs.get('type') ?? '').toLowerCase().includes('ld+json');
    if (t.name === 'time' && meta.firstTime === null && attrs.get('datetime')) meta.firstTime = attrs.get('datetime') ?? null;
    if (CLOSES_P.has(t.name)) {
      // Walk up through inline elements only: an open <p> there is implicitly closed.
      for (let n: El | null = cur; n && n !== root; n = n.parent) {
        if (n.name === 'p') {
          setCur(n.parent ?? root);
          break;
        }
        if (BLOCKS.has(n.name)) break;
      }
    }
    // A new <li> closes the previous one.
    if (t.name === 'li' && cur.name === 'li') setCur(cur.parent ?? root);
    const cls = (attrs.get('class') ?? '').trim().replace(/\s+/g, ' ').slice(0, 200);
    const el = newEl(t.name, cur, cur.depth + 1, cls ? `${t.name}.${cls}` : '');
    if (el.sig) {
      const same = bySig.get(el.sig);
      if (!same) bySig.set(el.sig, [el]);
      else if (same.length < MAX_SAME_SIG) same.push(el);
    }
    const key = hintKey(cls, attrs.get('id') ?? '', attrs.get('role') ?? '');
    el.dropped = cur.dropped || DROP_TAGS.has(t.name) || isHidden(attrs);
    el.preferred = t.name === 'article' || t.name === 'main' || (attrs.get('itemprop') ?? '').toLowerCase() === 'articlebody' || isPositive(key);
    el.negative = !el.preferred && !NEVER_NEGATIVE.has(t.name) && isNegative(key);
    if (t.name === 'h1' && !h1 && !cur.dropped) h1 = el;
    if (bylines.length < 5 && / (byline|author|authors|author name|byline name) /.test(key) && !/ bio /.test(key)) bylines.push(el);
    if (t.name === 'a' && (attrs.get('rel') ?? '').toLowerCase().split(/\s+/).includes('author')) bylines.push(el);
    cur.children.push(el);
    if (!VOID.has(t.name) && !t.selfClosing && el.depth < MAX_TREE_DEPTH) {
      cur = el;
      open.set(el.name, (open.get(el.name) ?? 0) + 1);
    }
  }
  return { root, h1, bylines, bySig };
}

interface Block {
  text: string;
  linkChars: number;
  el: El;
  heading: boolean;
  /** Nearest boilerplate-looking ancestor (or self), if any. */
  negative: El | null;
}

function nearestNegative(el: El): El | null {
  for (let n: El | null = el; n; n = n.parent) if (n.negative) return n;
  return null;
}

/** Inline text of each element, stopping at nested blocks (which become blocks of their own). Depth is capped by the tree. */
function collectBlocks(root: El): Block[] {
  const blocks: Block[] = [];
  const walk = (el: El) => {
    let buf: string[] = [];
    let links = 0;
    const flush = () => {
      const text = cleanLine(decodeHtmlEntities(buf.join(''), MAX_TEXT * 2), MAX_TEXT);
      if (text && !isBoilerplateLine(text)) blocks.push({ text, linkChars: links, el, heading: /^h[1-6]$/.test(el.name), negative: nearestNegative(el) });
      buf = [];
      links = 0;
    };
    const inline = (node: El | string, inLink: boolean) => {
      if (typeof node === 'string') {
        buf.push(node);
        if (inLink) links += node.length;
        return;
      }
      if (node.dropped) return;
      if (node.negative && !BLOCKS.has(node.name)) {
        // Boilerplate inline in a paragraph (a hover card about a name): only the link it hangs on is text.
        for (const c of node.children) if (typeof c !== 'string' && c.name === 'a' && !c.dropped) inline(rawText(c), true);
        return;
      }
      if (BLOCKS.has(node.name)) {
        flush();
        walk(node);
        return;
      }
      for (const c of node.children) inline(c, inLink || node.name === 'a');
    };
    for (const c of el.children) inline(c, el.name === 'a');
    flush();
  };
  if (!root.dropped) walk(root);
  return blocks;
}

/** Text under an inline element, whatever its class says (depth is bounded by the tree). */
function rawText(el: El): string {
  return el.children.map((c) => (typeof c === 'string' ? c : c.dropped ? '' : rawText(c))).join('');
}

/** All text under an element (for a byline or a heading), capped. */
function textOf(el: El, max = 300): string {
  const out: string[] = [];
  let len = 0;
  const visit = (n: El | string) => {
    if (len > max) return;
    if (typeof n === 'string') {
      out.push(n);
      len += n.length;
      return;
    }
    if (n.dropped && n !== el) return;
    out.push(' ');
    for (const c of n.children) visit(c);
  };
  visit(el);
  return cleanLine(decodeHtmlEntities(out.join('')), max);
}

function ancestors(el: El): El[] {
  const out: El[] = [];
  for (let n = el.parent; n; n = n.parent) out.push(n);
  return out;
}

/** Readability's idea, simplified: a container scores by the paragraph text it holds (parent full, grandparent less). */
function scoreContainers(blocks: Block[]): { best: El | null; bestScore: number; scores: Map<El, number> } {
  const scores = new Map<El, number>();
  for (const b of blocks) {
    if (b.heading || b.text.length < 25) continue;
    const linkDensity = b.linkChars / b.text.length;
    if (linkDensity > 0.5) continue;
    // Class names are a hint, not a verdict ("content-with-sidebar" wraps many real articles).
    // A teaser ("... are...") in a list of links to other stories is not the story.
    const teaser = b.linkChars > 0 && /(\.\.\.|…)$/.test(b.text) ? TEASER_WEIGHT : 1;
    const base = (1 + (b.text.match(/[,،、，]/g)?.length ?? 0) + Math.min(b.text.length / 100, 3)) * (1 - linkDensity) * (b.negative ? 0.25 : 1) * teaser;
    const container = PARA.has(b.el.name) ? b.el.parent : b.el;
    let weight = 1;
    for (let n = container, depth = 0; n && depth < 3; n = n.parent, depth++) {
      scores.set(n, (scores.get(n) ?? 0) + base * weight);
      weight /= depth === 0 ? 2 : 3;
    }
  }
  let best: El | null = null;
  let bestScore = 0;
  for (const [el, sc] of scores) {
    const score = sc * (el.preferred ? 1.5 : 1);
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return { best, bestScore, scores };
}

const linkDensity = (b: Block) => b.linkChars / b.text.length;
/** A paragraph of running text rather than a menu entry, a teaser link or a label. */
const isContentLike = (b: Block) => !b.negative && linkDensity(b) < 0.3 && (b.text.length >= 60 || (b.heading && b.text.length >= 10));

function selectBlocks(blocks: Block[], bySig: Map<string, El[]>): Block[] {
  const { best, bestScore, scores } = scoreContainers(blocks);
  if (!best) return [];
  // A preferred ancestor (the <article> around the scored <div>) keeps the headings and sibling paragraphs.
  const preferred = ancestors(best).find((a) => a.preferred && (scores.get(a) ?? 0) >= bestScore * 0.5);
  const top = preferred ?? best;
  // An article split into chunks (by figures, ad slots, lazy-loaded sections) repeats its container's tag and class:
  // the other chunks join, with their running text only.
  const chunks = new Set<El>();
  for (const other of best.sig ? (bySig.get(best.sig) ?? []) : []) if (other !== best && !other.dropped) chunks.add(other);
  const topAncestors = new Set(ancestors(top));
  // Siblings that score well are the same article split by an ad slot or a "read more" wrapper.
  const roots = new Set<El>([top]);
  for (const sib of top.parent?.children ?? []) {
    if (typeof sib !== 'string' && sib !== top && !sib.negative && (scores.get(sib) ?? 0) >= Math.max(5, bestScore * 0.2)) roots.add(sib);
  }
  const under = (el: El, set: Set<El>) => set.has(el) || ancestors(el).some((a) => set.has(a));
  // A chunk counts only with running text of its own (a teaser's one-line dek is not a chunk).
  const chunkText = new Map<El, number>();
  for (const b of blocks) {
    if (!isContentLike(b) || b.heading || under(b.el, roots)) continue;
    for (const a of [b.el, ...ancestors(b.el)]) if (chunks.has(a)) chunkText.set(a, (chunkText.get(a) ?? 0) + b.text.length);
  }
  for (const c of chunks) if ((chunkText.get(c) ?? 0) < MIN_CHUNK_TEXT) chunks.delete(c);
  return blocks.filter((b) => {
    if (under(b.el, roots)) {
      // Boilerplate inside the article (share bars, related links) goes; boilerplate around it does not count.
      if (b.negative && !topAncestors.has(b.negative) && b.negative !== top) return false;
      return !(linkDensity(b) > 0.5 && b.text.length < 300);
    }
    return chunks.size > 0 && under(b.el, chunks) && isContentLike(b) && !(b.negative && !topAncestors.has(b.negative));
  });
}

/** Article text, title, date and authors of an HTML page (bytes are decoded by BOM, Content-Type, then <meta charset>). */
export function extractArticle(input: string | Uint8Array, opts: { contentType?: string } = {}): Article {
  const empty: Article = { title: null, text: '', paragraphs: 0, published: null, authors: [] };
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) return empty;
  let html = decodeHtml(input, opts.contentType);
  if (html.length === 0) return empty;
  if (html.length > MAX_ARTICLE_HTML) html = html.slice(0, MAX_ARTICLE_HTML);
  const meta = new PageMeta();
  const { root, h1, bylines, bySig } = buildTree(html, meta);
  for (const b of bylines) meta.bylines.push(textOf(b));
  // The headline is the title, not the first paragraph of the text.
  const kept = selectBlocks(collectBlocks(root), bySig).filter((b) => b.el.name !== 'h1');
  return {
    title: meta.title(h1 ? textOf(h1, 1000) || null : null),
    text: cleanBlock(kept.map((b) => b.text).join('\n'), MAX_TEXT),
    paragraphs: kept.length,
    published: meta.published(),
    authors: meta.authors(),
  };
}

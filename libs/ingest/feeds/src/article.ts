import { decodeHtmlEntities } from './entities';
import { attrValue, tokenizeHtml } from './html-tokens';
import { MAX_TEXT, cleanBlock, cleanLine, htmlToLine } from './text';
import { ArticleText } from './types';

/**
 * Main-text extraction from an article page, without a DOM: a forgiving tree built from the tokenizer, boilerplate
 * subtrees dropped (scripts, navigation, headers, footers, asides, forms, and class/id names that say "share",
 * "related", "comments"...), then the container that holds the most paragraph text (Readability's scoring,
 * simplified) with a preference for <article>, <main> and itemprop=articleBody.
 */
export const MAX_ARTICLE_HTML = 3_000_000;

// Deeper nesting is flattened: real pages stay far below it, and the tree walk must not overflow the stack.
const MAX_TREE_DEPTH = 256;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const DROP = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'math', 'canvas', 'video', 'audio', 'object', 'embed', 'head',
  'nav', 'header', 'footer', 'aside', 'form', 'button', 'select', 'textarea', 'input', 'label', 'dialog', 'menu', 'figure',
]);
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'dd', 'dt', 'td', 'th', 'tr', 'div', 'section', 'article', 'main', 'ul', 'ol', 'dl', 'table', 'br', 'hr']);
const PARA = new Set(['p', 'pre', 'blockquote', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'dd']);
// "p" is implicitly closed by these; without it, an unclosed <p> swallows the page.
const CLOSES_P = new Set(['p', 'div', 'ul', 'ol', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'section', 'article', 'header', 'footer', 'aside', 'nav', 'form', 'figure', 'main', 'dl']);
const NEGATIVE =
  /(^|[\s_-])(comment|comments|share|sharing|social|related|recommend|promo|newsletter|sidebar|breadcrumbs?|subscribe|subscription|cookie|consent|popup|modal|advert|advertisement|ads?|banner|sponsor|sponsored|outbrain|taboola|footer|masthead|navbar|navigation|menu|more-stories|read-more|tag-list|author-bio|signup|paywall|toolbar|disclaimer|skip-link|print-only|visually-hidden|sr-only)([\s_-]|$)/;
const POSITIVE = /(^|[\s_-])(article-body|articlebody|article-content|story-body|story-content|post-body|post-content|entry-content|content-body|main-content|article__body|body-text|rich-text|articletext)([\s_-]|$)/;

interface El {
  name: string;
  attrs: string;
  hint: string; // class + id, lower-case
  parent: El | null;
  children: (El | string)[];
  /** Never text: scripts, navigation, hidden elements. */
  dropped: boolean;
  /** Looks like boilerplate by its class or id; ignored unless the article itself sits inside it. */
  negative: boolean;
  depth: number;
}

function buildTree(html: string): { root: El; title: string | null } {
  const root: El = { name: '#root', attrs: '', hint: '', parent: null, children: [], dropped: false, negative: false, depth: 0 };
  let cur = root;
  let title: string | null = null;
  let inTitle = false;
  const close = (name: string) => {
    for (let n: El | null = cur; n && n !== root; n = n.parent) {
      if (n.name === name) {
        cur = n.parent ?? root;
        return;
      }
    }
  };
  for (const t of tokenizeHtml(html)) {
    if (t.kind === 'text') {
      if (inTitle) title = (title ?? '') + t.text;
      else cur.children.push(t.text);
      continue;
    }
    if (t.kind === 'close') {
      if (t.name === 'title') inTitle = false;
      close(t.name);
      continue;
    }
    if (t.name === 'title' && title === null) {
      inTitle = !t.selfClosing;
      continue;
    }
    if (t.name === 'meta' && title === null) {
      const prop = (attrValue(t.attrs, 'property') ?? attrValue(t.attrs, 'name') ?? '').toLowerCase();
      if (prop === 'og:title') title = attrValue(t.attrs, 'content');
    }
    if (CLOSES_P.has(t.name)) {
      // Walk up through inline elements only: an open <p> there is implicitly closed.
      for (let n: El | null = cur; n && n !== root; n = n.parent) {
        if (n.name === 'p') {
          cur = n.parent ?? root;
          break;
        }
        if (BLOCKS.has(n.name)) break;
      }
    }
    if (t.name === 'li') {
      // A new <li> closes the previous one.
      if (cur.name === 'li') cur = cur.parent ?? root;
    }
    const hint = `${attrValue(t.attrs, 'class') ?? ''} ${attrValue(t.attrs, 'id') ?? ''} ${attrValue(t.attrs, 'role') ?? ''}`.toLowerCase();
    const unquoted = t.attrs.replace(/"[^"]*"|'[^']*'/g, '');
    const hidden = /(?:^|\s)hidden(?=[\s/=]|$)/i.test(unquoted) || /display\s*:\s*none/i.test(attrValue(t.attrs, 'style') ?? '');
    const dropped = cur.dropped || DROP.has(t.name) || hidden;
    const negative = NEGATIVE.test(hint) && !POSITIVE.test(hint) && !['body', 'html', 'article', 'main'].includes(t.name);
    const el: El = { name: t.name, attrs: t.attrs, hint, parent: cur, children: [], dropped, negative, depth: cur.depth + 1 };
    cur.children.push(el);
    if (!VOID.has(t.name) && !t.selfClosing && el.depth < MAX_TREE_DEPTH) cur = el;
  }
  return { root, title };
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

/** Inline text of an element, stopping at nested blocks (which become blocks of their own). */
function collectBlocks(root: El): Block[] {
  const blocks: Block[] = [];
  const walk = (el: El) => {
    let buf = '';
    let links = 0;
    const flush = () => {
      const text = cleanLine(decodeHtmlEntities(buf), MAX_TEXT);
      if (text) blocks.push({ text, linkChars: links, el, heading: /^h[1-6]$/.test(el.name), negative: nearestNegative(el) });
      buf = '';
      links = 0;
    };
    const inline = (node: El | string, inLink: boolean) => {
      if (typeof node === 'string') {
        buf += node;
        if (inLink) links += node.length;
        return;
      }
      if (node.dropped) return;
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

function isPreferred(el: El): boolean {
  return el.name === 'article' || el.name === 'main' || /itemprop\s*=\s*["']?articlebody/i.test(el.attrs) || POSITIVE.test(el.hint);
}

function ancestors(el: El): El[] {
  const out: El[] = [];
  for (let n = el.parent; n; n = n.parent) out.push(n);
  return out;
}

export function extractArticleText(html: string, _url?: string): ArticleText {
  if (typeof html !== 'string' || html.length === 0) return { title: null, text: '', paragraphs: 0 };
  const { root, title } = buildTree(html.length > MAX_ARTICLE_HTML ? html.slice(0, MAX_ARTICLE_HTML) : html);
  const blocks = collectBlocks(root);
  const cleanTitle = title ? htmlToLine(title) || null : null;

  const { best, bestScore, scores } = scoreContainers(blocks);
  if (!best) return { title: cleanTitle, text: '', paragraphs: 0 };
  // A preferred ancestor (the <article> around the scored <div>) keeps the headings and sibling paragraphs.
  const preferred = ancestors(best).find((a) => isPreferred(a) && (scores.get(a) ?? 0) >= bestScore * 0.5);
  const top = preferred ?? best;
  const topAncestors = new Set(ancestors(top));

  // Siblings that score well are the same article split by an ad slot or a "read more" wrapper.
  const roots = new Set<El>([top]);
  for (const sib of top.parent?.children ?? []) {
    if (typeof sib !== 'string' && sib !== top && !sib.negative && (scores.get(sib) ?? 0) >= Math.max(5, bestScore * 0.2)) roots.add(sib);
  }
  const inTop = (el: El) => roots.has(el) || ancestors(el).some((a) => roots.has(a));
  const kept = blocks.filter((b) => {
    if (!inTop(b.el)) return false;
    // Boilerplate inside the article (share bars, related links) goes; boilerplate around it does not count.
    if (b.negative && !topAncestors.has(b.negative) && b.negative !== top) return false;
    const density = b.linkChars / b.text.length;
    if (density > 0.5 && b.text.length < 300) return false;
    return true;
  });
  const text = cleanBlock(kept.map((b) => b.text).join('\n'), MAX_TEXT);
  return { title: cleanTitle, text, paragraphs: kept.length };
}

/** Readability's idea, simplified: a container scores by the paragraph text it holds (parent full, grandparent half). */
function scoreContainers(blocks: Block[]): { best: El | null; bestScore: number; scores: Map<El, number> } {
  const scores = new Map<El, number>();
  for (const b of blocks) {
    if (b.heading || b.text.length < 25) continue;
    const linkDensity = b.linkChars / b.text.length;
    if (linkDensity > 0.5) continue;
    // Class names are a hint, not a verdict ("content-with-sidebar" wraps many real articles).
    const base = (1 + (b.text.match(/[,،、，]/g)?.length ?? 0) + Math.min(b.text.length / 100, 3)) * (1 - linkDensity) * (b.negative ? 0.25 : 1);
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
    const score = sc * (isPreferred(el) ? 1.5 : 1);
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return { best, bestScore, scores };
}

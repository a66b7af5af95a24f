import { decodeBody } from './charset';
import { parseDate } from './dates';
import { withIdentity } from './identity';
import { parseJsonFeed } from './json-feed';
import { MAX_AUTHORS, MAX_CATEGORIES, MAX_HTML, MAX_LABEL, MAX_TEXT, cleanLine, htmlToLine, htmlToText, orNull, truncate } from './text';
import { FeedErrorCode, FeedParseOptions, FeedParseResult, FeedFormat, FeedPushLinks, NormalisedFeed, NormalisedItem } from './types';
import { resolveLink } from './urls';
import { DEFAULT_MAX_ITEMS, MAX_FEED_CHARS, XNode, guardXml } from './xml-guard';

type Raw = XNode;

function fail(code: FeedErrorCode, message: string): FeedParseResult {
  return { ok: false, error: { code, message } };
}

/**
 * Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.x into normalised items. Never throws and never rejects:
 * every outcome, including "this is an HTML login page", is a result.
 */
export async function parseFeed(body: string | Uint8Array, opts: FeedParseOptions = {}): Promise<FeedParseResult> {
  try {
    return await parseFeedUnsafe(body, opts);
  } catch (e) {
    return fail(FeedErrorCode.ParseFailed, `parser failed: ${e instanceof Error ? e.message.slice(0, 200) : 'unknown error'}`);
  }
}

async function parseFeedUnsafe(body: string | Uint8Array, opts: FeedParseOptions): Promise<FeedParseResult> {
  if (body === null || body === undefined) return fail(FeedErrorCode.Empty, 'empty body');
  if (typeof body !== 'string' && body.length > MAX_FEED_CHARS * 2) {
    return fail(FeedErrorCode.TooLarge, `feed is ${body.length} bytes, limit ${MAX_FEED_CHARS * 2}`);
  }
  const decoded = decodeBody(body, opts.contentType);
  if (!decoded.ok) return fail(FeedErrorCode.NotAFeed, decoded.reason);
  const text = decoded.text.replace(/^[\uFEFF\s]+/, '');
  if (text.length === 0) return fail(FeedErrorCode.Empty, 'empty body');
  const maxItems = Math.max(0, Math.min(opts.maxItems ?? DEFAULT_MAX_ITEMS, 10_000));
  const base = opts.url ? resolveLink(opts.url) : null;

  if (text[0] === '{' || /json/i.test(opts.contentType ?? '')) {
    const r = parseJsonFeed(text, { base, maxItems });
    return r.ok ? { ...r, warnings: [...decoded.warnings, ...r.warnings] } : r;
  }
  if (text[0] !== '<') return fail(FeedErrorCode.NotAFeed, 'not XML or JSON');

  const guarded = guardXml(text, { url: base ?? undefined, maxItems });
  if (!guarded.ok) return fail(guarded.code, guarded.message);
  const warnings = [...decoded.warnings, ...guarded.warnings];

  // Where feed fields and items live: Atom on the root; RSS in <channel>; RSS 1.0 has its items beside the channel.
  const format: FeedFormat = guarded.root === 'feed' ? 'atom' : guarded.root;
  const root = guarded.tree;
  const channel = format === 'atom' ? root : (nodes(root, 'channel')[0] as Raw | undefined);
  const parsed: Raw = channel && typeof channel === 'object' ? channel : {};
  const rawItems: Raw[] =
    format === 'atom' ? objects(nodes(root, 'entry')) : format === 'rdf' ? objects([...nodes(root, 'item'), ...nodes(parsed, 'item')]) : objects(nodes(parsed, 'item'));
  const feed = normaliseFeed(parsed, format, base);
  const feedBase = feed.link ?? base;
  const now = Date.now();
  const items: NormalisedItem[] = [];
  const seen = new Set<string>();
  let dupes = 0;
  for (const r of rawItems.slice(0, maxItems)) {
    const item = normaliseItem(r, format, feedBase, now, warnings);
    if (seen.has(item.id)) {
      dupes++;
      continue;
    }
    seen.add(item.id);
    items.push(item);
  }
  if (dupes > 0) warnings.push(`${dupes} duplicate items dropped`);
  const push = pushLinks(parsed, format, base);
  return { ok: true, format, feed, items, warnings: dedupeWarnings(warnings), ...(push ? { push } : {}) };
}

function dedupeWarnings(w: string[]): string[] {
  return [...new Set(w)].slice(0, 50);
}

// ---- reading the guard's element tree ----

const NONE: readonly XNode[] = Object.freeze([]);

function nodes(r: Raw, field: string): readonly XNode[] {
  const v = r[field];
  return Array.isArray(v) ? v : NONE;
}

function objects(list: readonly XNode[]): Raw[] {
  return list.filter((n) => n !== null && typeof n === 'object');
}

function attrsOf(n: unknown): Record<string, unknown> {
  return n && typeof n === 'object' && '$' in n && n.$ && typeof n.$ === 'object' ? (n.$ as Record<string, unknown>) : {};
}

function attr(n: unknown, name: string): string | null {
  const v = attrsOf(n)[name];
  return typeof v === 'string' ? v : null;
}

function textOf(n: unknown): string {
  if (typeof n === 'string') return n;
  if (n && typeof n === 'object' && '_' in n && typeof n._ === 'string') {
    if (!('$' in n)) return n._;
    // Base64: Atom 0.3 says so with mode="base64", Atom 1.0 with a media type that is neither text nor XML.
    const type = attr(n, 'type')?.toLowerCase() ?? '';
    const binary = type.includes('/') && !type.startsWith('text/') && !type.includes('xml');
    return attr(n, 'mode')?.toLowerCase() === 'base64' || binary ? fromBase64(n._) : n._;
  }
  return '';
}

function fromBase64(s: string): string {
  const compact = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return s;
  return new TextDecoder().decode(Buffer.from(compact, 'base64'));
}

function firstText(r: Raw, ...fields: string[]): string {
  for (const f of fields) {
    for (const n of nodes(r, f)) {
      const t = textOf(n).trim();
      if (t) return t;
    }
  }
  return '';
}

function itemAttrs(r: Raw): Record<string, unknown> {
  const a = r.$;
  return a && typeof a === 'object' ? a : {};
}

function baseOf(n: unknown, fallback: string | null): string | null {
  return attr(n, 'pr-base') ?? fallback;
}

function atomLink(links: readonly XNode[], fallbackBase: string | null): string | null {
  const candidates = links.filter((l) => {
    const rel = (attr(l, 'rel') ?? 'alternate').toLowerCase();
    const type = (attr(l, 'type') ?? 'text/html').toLowerCase();
    return rel === 'alternate' && (type.includes('html') || type === '');
  });
  for (const l of [...candidates, ...links.filter((l) => !attr(l, 'rel'))]) {
    const href = attr(l, 'href') ?? textOf(l);
    const resolved = resolveLink(href, baseOf(l, fallbackBase));
    if (resolved) return resolved;
  }
  return null;
}

/**
 * rel=hub and rel=self links of the feed element: Atom's own <link>, and in RSS the Atom links a channel carries
 * under any prefix (atom:link, atom10:link) or unprefixed with an href.
 */
function pushLinks(parsed: Raw, format: FeedFormat, base: string | null): FeedPushLinks | null {
  const links = format === 'atom'
    ? nodes(parsed, 'pr-link')
    : Object.keys(parsed).filter((k) => k === 'link' || /^[\w.-]+:link$/.test(k)).flatMap((k) => nodes(parsed, k));
  const hubs: string[] = [];
  let self: string | null = null;
  for (const l of links) {
    const href = attr(l, 'href');
    if (!href) continue;
    const rels = (attr(l, 'rel') ?? '').toLowerCase().split(/\s+/);
    const resolved = resolveLink(href, baseOf(l, base));
    if (!resolved) continue;
    if (rels.includes('hub') && hubs.length < 10 && !hubs.includes(resolved)) hubs.push(resolved);
    if (rels.includes('self') && self === null) self = resolved;
  }
  return hubs.length > 0 ? { hubs, self } : null;
}

function normaliseFeed(parsed: Raw, format: FeedFormat, base: string | null): NormalisedFeed {
  const feedAttrs = itemAttrs(parsed);
  const ownBase = typeof feedAttrs['pr-base'] === 'string' ? (feedAttrs['pr-base'] as string) : base;
  const link =
    format === 'atom'
      ? atomLink(nodes(parsed, 'pr-link'), ownBase)
      : resolveLink(firstText(parsed, 'link'), ownBase);
  const lang = typeof feedAttrs['xml:lang'] === 'string' ? (feedAttrs['xml:lang'] as string) : firstText(parsed, 'language', 'dc:language');
  return {
    title: orNull(htmlToLine(firstText(parsed, 'title', 'dc:title'))),
    link,
    description: orNull(htmlToText(firstText(parsed, 'description', 'subtitle', 'tagline', 'dc:description', 'itunes:subtitle', 'itunes:summary'), 5_000)),
    language: orNull(cleanLine(lang, 35)),
  };
}

function authorName(raw: string): string {
  // RSS <author> is "email (Name)" by spec, and "Name (email)" or "Name <email>" in practice; show the name, never the
  // address alone when a name exists.
  const m = /^\s*\S+@\S+\s*\((.+)\)\s*$/.exec(raw) ?? /^\s*([^<(@]+?)\s*[(<]\s*[^\s@()<>]+@[^\s()<>]+\s*[)>]\s*$/.exec(raw);
  return m ? m[1] : raw;
}

function uniqueCapped(values: string[], maxCount: number): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    const clean = htmlToLine(v, MAX_LABEL);
    const key = clean.toLowerCase();
    if (!clean || seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
    if (out.length >= maxCount) break;
  }
  return out;
}

function normaliseItem(r: Raw, format: FeedFormat, feedBase: string | null, now: number, warnings: string[]): NormalisedItem {
  const own = itemAttrs(r);
  const base = typeof own['pr-base'] === 'string' ? (own['pr-base'] as string) : feedBase;
  const title = htmlToLine(firstText(r, 'title', 'dc:title', 'itunes:title'));

  let guid: string | null;
  let link: string | null;
  if (format === 'atom') {
    guid = orNull(cleanLine(firstText(r, 'id'), 1_000));
    link = atomLink(nodes(r, 'pr-link'), base);
  } else {
    const g = nodes(r, 'guid')[0];
    guid = orNull(cleanLine(textOf(g), 1_000));
    const about = typeof own['rdf:about'] === 'string' ? (own['rdf:about'] as string) : '';
    link = resolveLink(firstText(r, 'link'), base);
    // A guid is a permalink unless it says otherwise (RSS 2.0), which makes it a usable link when <link> is missing.
    if (!link && guid && attr(g, 'isPermaLink')?.toLowerCase() !== 'false') link = resolveLink(guid);
    if (!link && about) link = resolveLink(about, base);
    if (!guid && about) guid = orNull(cleanLine(about, 1_000));
  }

  const dateField = (...fields: string[]) => {
    // Date elements are read as text with any markup in them stripped (<pubDate><span>…</span></pubDate>).
    const raw = htmlToLine(firstText(r, ...fields), 200);
    if (!raw) return null;
    const d = parseDate(raw, now);
    if (d.warning) warnings.push(d.warning);
    return d.iso;
  };
  const updated = dateField('pr-updated', 'modified', 'dcterms:modified');
  const published = dateField('pubDate', 'pr-published', 'issued', 'created', 'dc:date', 'dcterms:issued', 'dcterms:created') ?? updated;

  const summaryHtml = firstText(r, format === 'atom' ? 'summary' : 'description', 'summary', 'dc:description', 'itunes:summary');
  const contentHtml = firstText(r, format === 'atom' ? 'content' : 'content:encoded', 'content');
  const summary = orNull(htmlToText(summaryHtml));
  const content = orNull(htmlToText(contentHtml, MAX_TEXT));

  const authorValues: string[] = [];
  for (const a of nodes(r, 'author')) {
    if (a && typeof a === 'object' && Array.isArray((a as Raw).name)) authorValues.push(textOf(((a as Raw).name as XNode[])[0]));
    else if (a && typeof a === 'object' && Array.isArray((a as Raw).email)) authorValues.push(textOf(((a as Raw).email as XNode[])[0]));
    else authorValues.push(authorName(textOf(a)));
  }
  for (const a of [...nodes(r, 'dc:creator'), ...nodes(r, 'dc:author'), ...nodes(r, 'itunes:author')]) authorValues.push(authorName(textOf(a)));

  const categoryValues: string[] = [];
  for (const c of [...nodes(r, 'category'), ...nodes(r, 'dc:subject')]) {
    categoryValues.push(attr(c, 'term') ?? attr(c, 'label') ?? textOf(c));
  }

  const categories = uniqueCapped(categoryValues, MAX_CATEGORIES);
  return withIdentity({
    guid,
    title,
    link,
    published,
    updated,
    summary,
    content,
    contentHtml: orNull(truncate((contentHtml || summaryHtml).trim(), MAX_HTML)),
    authors: uniqueCapped(authorValues, MAX_AUTHORS),
    categories,
  });
}

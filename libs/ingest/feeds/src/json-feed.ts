import { parseDate } from './dates';
import { withIdentity } from './identity';
import { MAX_AUTHORS, MAX_CATEGORIES, MAX_HTML, MAX_LABEL, cleanLine, htmlToLine, htmlToText, orNull, truncate } from './text';
import { FeedErrorCode, FeedParseResult, FeedPushLinks, NormalisedItem } from './types';
import { resolveLink } from './urls';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Own properties only: a JSON key "__proto__" or "constructor" must never resolve to something inherited.
function get(o: Obj, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function str(o: Obj, key: string): string {
  const v = get(o, key);
  return typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}

function names(list: unknown): string[] {
  const arr = Array.isArray(list) ? list : isObj(list) ? [list] : [];
  return arr.filter(isObj).map((a) => str(a, 'name')).filter((n) => n.length > 0);
}

/** JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1). */
export function parseJsonFeed(text: string, opts: { base: string | null; maxItems: number }): FeedParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: FeedErrorCode.ParseFailed, message: 'malformed JSON' } };
  }
  if (!isObj(doc) || !/jsonfeed\.org\/version\/1/.test(str(doc, 'version')) || !Array.isArray(get(doc, 'items'))) {
    return { ok: false, error: { code: FeedErrorCode.NotAFeed, message: 'JSON is not a JSON Feed (no jsonfeed version or items)' } };
  }
  const warnings: string[] = [];
  const home = resolveLink(str(doc, 'home_page_url'), opts.base);
  const base = home ?? resolveLink(str(doc, 'feed_url'), opts.base) ?? opts.base;
  const feedAuthors = [...names(get(doc, 'authors')), ...names(get(doc, 'author'))];
  const now = Date.now();
  const rawItems = (get(doc, 'items') as unknown[]).filter(isObj);
  if (rawItems.length > opts.maxItems) warnings.push(`${rawItems.length - opts.maxItems} items beyond the limit of ${opts.maxItems} dropped`);
  const items: NormalisedItem[] = [];
  const seen = new Set<string>();
  for (const it of rawItems.slice(0, opts.maxItems)) {
    const date = (k: string) => {
      const raw = str(it, k);
      if (!raw) return null;
      const d = parseDate(raw, now);
      if (d.warning) warnings.push(d.warning);
      return d.iso;
    };
    const link = resolveLink(str(it, 'url'), base) ?? resolveLink(str(it, 'external_url'), base);
    const guid = orNull(cleanLine(str(it, 'id'), 1_000));
    const title = htmlToLine(str(it, 'title'));
    const updated = date('date_modified');
    const published = date('date_published') ?? updated;
    const html = str(it, 'content_html');
    const plain = str(it, 'content_text');
    const tags = get(it, 'tags');
    const authors = [...names(get(it, 'authors')), ...names(get(it, 'author'))];
    const summary = orNull(htmlToText(str(it, 'summary')));
    const content = orNull(html ? htmlToText(html) : htmlToText(plain.replace(/</g, '&lt;')));
    const item: NormalisedItem = withIdentity({
      guid,
      title,
      link,
      published,
      updated,
      summary,
      content,
      contentHtml: orNull(truncate(html.trim(), MAX_HTML)),
      authors: uniq((authors.length ? authors : feedAuthors).map((a) => htmlToLine(a, MAX_LABEL)), MAX_AUTHORS),
      categories: uniq((Array.isArray(tags) ? tags : []).filter((t): t is string => typeof t === 'string').map((t) => htmlToLine(t, MAX_LABEL)), MAX_CATEGORIES),
    });
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    items.push(item);
  }
  return {
    ok: true,
    format: 'json',
    feed: {
      title: orNull(htmlToLine(str(doc, 'title'))),
      link: home,
      description: orNull(htmlToText(str(doc, 'description'), 5_000)),
      language: orNull(cleanLine(str(doc, 'language'), 35)),
    },
    items,
    warnings: [...new Set(warnings)].slice(0, 50),
    ...pushLinks(doc, base),
  };
}

/** JSON Feed 1.1 names its hubs in `hubs: [{type: "WebSub", url}]` and its own address in `feed_url`. */
function pushLinks(doc: Obj, base: string | null): { push?: FeedPushLinks } {
  const declared = get(doc, 'hubs');
  const hubs = (Array.isArray(declared) ? declared : [])
    .filter((h) => isObj(h) && /^websub$/i.test(str(h, 'type')))
    .map((h) => resolveLink(str(h as Obj, 'url'), base))
    .filter((u): u is string => !!u);
  if (hubs.length === 0) return {};
  return { push: { hubs: [...new Set(hubs)].slice(0, 10), self: resolveLink(str(doc, 'feed_url'), base) } };
}

function uniq(values: string[], max: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const k = v.toLowerCase();
    if (!v || seen.has(k)) continue;
    seen.add(k);
    out.push(v);
    if (out.length >= max) break;
  }
  return out;
}

import { isWellFormed } from './clean-text';
import { XML_ENTITIES, decodeXmlText, isXmlChar, namedEntity, numericRef } from './entities';
import { APOS, BANG, EQUALS, GT, QUESTION, QUOT, SLASH, tagEnd } from './markup-scan';
import { joinBase } from './urls';
import { FeedErrorCode } from './types';

/**
 * The defence in front of the XML parser. One linear pass that rewrites the document into a small, safe dialect:
 * - the DOCTYPE (and so every entity declaration, parameter entity and external DTD) is removed unread, so no
 *   entity can expand (billion laughs, quadratic blow-up) and nothing is ever fetched (XXE);
 * - HTML named entities become characters, invalid character references are dropped, stray "&" and "<" escaped;
 * - element and attribute names that are JavaScript prototype keys are renamed;
 * - nesting depth, item count and categories per item are capped before any object is built;
 * - the effective xml:base is written onto feed/item/link elements as `pr-base`;
 * - and it builds the element tree the normaliser reads, so no second XML parser runs.
 */
export const MAX_FEED_CHARS = 8_000_000;
export const MAX_DEPTH = 100;
export const DEFAULT_MAX_ITEMS = 500;
const MAX_CATEGORIES_KEPT = 100;
const MAX_ATTRS = 64;

/**
 * An element as the normaliser reads it (the shape xml2js used to give): attributes in `$`, character data in `_`, child
 * elements in arrays under their names. It inherits nothing (see NOTHING), so no name can reach Object.prototype.
 */
export interface XNode {
  $?: Record<string, string>;
  _?: string;
  [child: string]: XNode[] | Record<string, string> | string | undefined;
}

/**
 * The prototype of every element and attribute object: frozen, empty and without a prototype of its own, so nothing is
 * inherited and nothing can be added to what every element shares. Objects made with Object.create(null) inherit
 * nothing either, but V8 keeps them as hash tables; these get hidden classes, and building and reading the tree takes
 * a seventh less time.
 */
const NOTHING: object = Object.freeze(Object.create(null));

function newNode(attrs: Record<string, string> | null): XNode {
  const node = Object.create(NOTHING) as XNode;
  if (attrs) node.$ = attrs;
  return node;
}

function childList(parent: XNode, name: string): XNode[] {
  const list = parent[name];
  if (Array.isArray(list)) return list;
  const created: XNode[] = [];
  parent[name] = created;
  return created;
}

export type GuardResult =
  | { ok: true; tree: XNode; root: 'rss' | 'feed' | 'rdf'; warnings: string[] }
  | { ok: false; code: FeedErrorCode; message: string };

const PROTO_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// A cheap first look (no lookarounds): most documents have nothing to remove. U+FFFE and U+FFFF are looked for with
// indexOf (a regular expression whose class reaches them scans a third slower), lone surrogates with isWellFormed (a
// document with emoji in it is not rewritten for nothing).
// eslint-disable-next-line no-control-regex
const INVALID_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

// Name characters, as code units (XML 1.0 names, ASCII exactly; from U+00C0 on every code unit is let through).
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0xc0;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 45 || c === 0xb7;
}

/** Where the name starting at `at` ends (`at` itself when no name starts there). */
function nameEnd(s: string, at: number): number {
  if (!isNameStart(s.charCodeAt(at))) return at;
  let j = at + 1;
  while (j < s.length && isNameChar(s.charCodeAt(j))) j++;
  return j;
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(i + 1);
}

function safeName(name: string): string {
  // Every prototype key is 9 or more characters long and ends in "_", "r" or "e": most names are ruled out unhashed.
  const last = name.charCodeAt(name.length - 1);
  if (name.length < 9 || (last !== 95 && last !== 114 && last !== 101)) return name;
  const proto = PROTO_KEYS.has(name) || (name.includes(':') && PROTO_KEYS.has(localName(name)));
  return proto ? `x-${name.replace(/:/g, '-')}` : name;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}




/** Rewrites character references in XML text so the strict parser accepts them and nothing expands. */
export function fixEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z_][A-Za-z0-9_.-]*)?(;?)/g, (whole, ref: string | undefined, semi: string) => {
    if (!ref || !semi) return `&amp;${ref ?? ''}${semi}`;
    if (ref[0] === '#') {
      const cp = numericRef(ref);
      return cp === null ? '' : whole;
    }
    if (XML_ENTITIES.has(ref)) return whole;
    const ch = namedEntity(ref);
    if (ch === undefined) return `&amp;${ref};`;
    return ch === '<' || ch === '&' ? whole : ch;
  });
}

function skipDoctype(s: string, i: number): number {
  // Past "<!DOCTYPE": honour quotes and the [internal subset] so a ">" inside an entity value does not end it.
  let quote = '';
  let bracket = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') bracket++;
    else if (c === ']') bracket = Math.max(0, bracket - 1);
    else if (c === '>' && bracket === 0) return j + 1;
  }
  return -1;
}

/** Whether the tag text between its name and its ">" ends with "/" (spaces aside): `<link href="…" />`. */
function endsWithSlash(s: string, from: number, end: number): boolean {
  const last = s.charCodeAt(end - 1);
  if (end <= from || last === SLASH) return end > from;
  // Anything but ASCII whitespace before the ">" settles it; only trailing spaces need a closer look.
  if (last > 32 && last < 128) return false;
  return s.slice(from, end).trimEnd().endsWith('/');
}

/** Whether s[from..to) holds the code unit c (indexOf would run on past `to` to the end of the document). */
function hasCodeUnit(s: string, c: number, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (s.charCodeAt(j) === c) return true;
  return false;
}

/** Whether s[from..to) is only XML white space (space, tab, CR, LF). */
function isXmlSpace(s: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    const c = s.charCodeAt(j);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) return false;
  }
  return true;
}

function isItemName(name: string): boolean {
  return (name.length === 4 || name.length === 5) && ITEM.test(name);
}

// Elements whose content is one value: child elements in them are markup, not structure. Their content is passed on
// as one string of HTML (text constructs), or of text that may carry markup (dates: a government feed wraps its date
// in <span>), read with the markup stripped.
const TEXT_CONSTRUCTS = new Set([
  'title', 'subtitle', 'tagline', 'summary', 'content', 'description', 'rights', 'copyright', 'info', 'content:encoded',
  'pubDate', 'lastBuildDate', 'dc:date', 'pr-published', 'pr-updated', 'issued', 'created', 'modified',
  'dcterms:issued', 'dcterms:created', 'dcterms:modified', 'dc:title', 'dc:description', 'itunes:title', 'itunes:summary',
  'itunes:subtitle',
]);
const ITEM = /^(item|entry)$/i;

/** Children one element may have (items of a channel aside) before the rest is cut: floods of plain elements. */
export const MAX_CHILDREN = 1_000;
/** Elements one document may build, whatever their nesting. */
export const MAX_ELEMENTS = 200_000;
/** Markup tags kept in one value element (a long article has a few thousand); the rest of its markup is cut. */
export const MAX_VALUE_TAGS = 50_000;

interface Frame {
  name: string;
  /** Base from an xml:base in scope (relative ones resolved against the document URL), else null. */
  base: string | null;
  categories: number;
  children: number;
  isItem: boolean;
  /** Items opened directly inside this (unclosed?) item, and how many nested at any depth. */
  direct: number;
  nested: number;
  node: XNode;
}

export function guardXml(input: string, opts: { url?: string; maxItems?: number } = {}): GuardResult {
  const warnings: string[] = [];
  if (input.length > MAX_FEED_CHARS) {
    return { ok: false, code: FeedErrorCode.TooLarge, message: `feed is ${input.length} characters, limit ${MAX_FEED_CHARS}` };
  }
  const invalid = INVALID_CONTROL.test(input) || input.includes('\uFFFE') || input.includes('\uFFFF') || !isWellFormed(input);
  const s = invalid ? input.replace(INVALID_XML_CHARS, '') : input;
  const maxItems = opts.maxItems ?? DEFAULT_MAX_ITEMS;
  let tree: XNode | null = null;
  const stack: Frame[] = [];
  let rootKind: 'rss' | 'feed' | 'rdf' | null = null;
  let rootDone = false;
  let stripPrefix: string | null = null;
  let items = 0;
  let droppedItems = 0;
  let elements = 0;
  let cutElements = 0;
  let nestedDropped = 0;
  let unclosedItems = 0;
  let skipDepth = -1; // stack length at which a dropped subtree started
  let flatDepth = -1; // stack index of the value element whose content is being collected as one string
  let flat: string[] = [];
  let flatTags = 0;
  let valuesCut = 0;
  let repaired = 0;
  let trailing = false;
  let i = 0;
  const n = s.length;
  const addText = (x: string) => {
    const top = stack[stack.length - 1];
    if (skipDepth !== -1 || !top || x.length === 0) return;
    top.node._ = top.node._ === undefined ? x : top.node._ + x;
  };
  const collect = (x: string) => {
    if (skipDepth === -1 && flatTags <= MAX_VALUE_TAGS) flat.push(x);
  };
  const frame = (name: string, base: string | null, node: XNode): Frame => ({ name, base, categories: 0, children: 0, isItem: isItemName(name), direct: 0, nested: 0, node });
  /** Closes the frame on top of the stack; `repair` when its own close tag never came. */
  const close = (repair: boolean) => {
    const f = stack.pop()!;
    if (flatDepth !== -1 && stack.length > flatDepth) {
      collect(`</${f.name}>`);
      return;
    }
    if (flatDepth !== -1 && stack.length === flatDepth) {
      if (skipDepth === -1) f.node._ = flat.join('');
      flat = [];
      flatDepth = -1;
    }
    const parent = stack[stack.length - 1];
    if (f.isItem && repair && f.direct > 0 && skipDepth === -1 && parent) {
      // An item left open before the next one: it ended where the next began (sibling items, not one lost).
      const inner = f.node[f.name] as XNode[];
      delete f.node[f.name];
      childList(parent.node, f.name).push(...inner);
      unclosedItems++;
      nestedDropped += f.nested - f.direct;
    } else if (f.isItem && skipDepth === -1) nestedDropped += f.nested;
    if (skipDepth !== -1 && stack.length <= skipDepth) skipDepth = -1;
    if (stack.length === 0) rootDone = true;
  };

  while (i < n) {
    const lt = s.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > i) {
      const top = stack[stack.length - 1];
      if (flatDepth !== -1) {
        const decoded = decodeXmlText(s.slice(i, textEnd));
        // Directly in the value element, text is the HTML source; inside its markup children, it is text.
        collect(stack.length === flatDepth + 1 ? decoded : escapeHtml(decoded));
      } else if (top) {
        // Indentation before an element's first text (all of it, between a channel's or an item's children) is not
        // kept: every reader trims what it reads.
        if (top.node._ !== undefined || !isXmlSpace(s, i, textEnd)) addText(decodeXmlText(s.slice(i, textEnd)));
      } else if (/\S/.test(s.slice(i, textEnd))) {
        if (!rootDone) return notAFeed('text before the root element');
        trailing = true;
      }
    }
    if (lt === -1) break;
    i = lt;
    const next = s.charCodeAt(i + 1);
    if (next === BANG && s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      if (end === -1) return truncated('comment');
      i = end + 3;
      continue;
    }
    if (next === BANG && s.startsWith('<![CDATA[', i)) {
      const end = s.indexOf(']]>', i + 9);
      if (end === -1) return truncated('CDATA section');
      const data = s.slice(i + 9, end);
      if (flatDepth !== -1) collect(stack.length === flatDepth + 1 ? data : escapeHtml(data));
      else if (stack.length > 0) addText(data);
      i = end + 3;
      continue;
    }
    if (next === QUESTION) {
      const end = s.indexOf('?>', i + 2);
      if (end === -1) return truncated('processing instruction');
      i = end + 2;
      continue;
    }
    if (next === BANG) {
      const isDoctype = /^<!DOCTYPE/i.test(s.slice(i, i + 9));
      const end = isDoctype ? skipDoctype(s, i + 9) : s.indexOf('>', i + 2);
      if (end === -1) return truncated('declaration');
      if (isDoctype) {
        const decl = s.slice(i, end);
        warnings.push(/<!ENTITY/i.test(decl) ? 'DOCTYPE with entity declarations removed unread' : 'DOCTYPE removed');
      }
      i = isDoctype ? end : end + 1;
      continue;
    }
    const closing = next === SLASH;
    const nameAt = i + (closing ? 2 : 1);
    const nameStop = nameEnd(s, nameAt);
    if (nameStop === nameAt) {
      if (flatDepth !== -1) collect(stack.length === flatDepth + 1 ? '<' : '&lt;');
      else if (stack.length > 0) addText('<');
      i += 1;
      continue;
    }
    const written = s.slice(nameAt, nameStop);
    const tagStart = i;
    let end = tagEnd(s, nameStop, false);
    // "</rss" at the very end: the only thing missing is the ">", so the document is complete.
    if (end === -1 && closing && stack.length === 1 && /^\s*$/.test(s.slice(nameStop))) end = n;
    if (end === -1) return truncated('tag');
    let name = written;
    if (stripPrefix && name.startsWith(stripPrefix)) name = name.slice(stripPrefix.length);
    const selfClosing = endsWithSlash(s, nameStop, end);
    i = end + 1;

    if (closing) {
      const at = findOpen(stack, name);
      if (at === -1) {
        // Close tags of markup cut from a value element were never opened: expected, not a repair.
        if (flatDepth === -1 || flatTags <= MAX_VALUE_TAGS) repaired++;
        continue;
      }
      while (stack.length > at + 1) {
        close(true);
        repaired++;
      }
      close(false);
      continue;
    }

    if (rootDone) {
      trailing = true;
      // Skip a whole second root: nothing after the first root is part of the feed.
      if (!selfClosing) {
        const close = s.indexOf(`</${written}`, i);
        i = close === -1 ? n : tagEnd(s, close, false) + 1 || n;
      }
      continue;
    }

    const parent = stack[stack.length - 1];
    const local = localName(name);
    if (!parent) {
      const rk = rootKindOf(name);
      if (!rk) return notAFeed(local.toLowerCase() === 'html' ? 'an HTML page' : `root element <${name.slice(0, 40)}>`);
      rootKind = rk;
      if ((rk === 'feed' || rk === 'rss') && name.includes(':')) {
        stripPrefix = `${name.slice(0, name.indexOf(':'))}:`;
        name = rk;
      }
      if (rk === 'rdf') name = 'rdf:RDF';
    }

    if (stack.length + 1 > MAX_DEPTH) {
      return { ok: false, code: FeedErrorCode.TooDeep, message: `elements nested deeper than ${MAX_DEPTH}` };
    }

    if (flatDepth !== -1) {
      // Markup inside a value element: HTML source as written (it travels in CDATA), never built into objects.
      if (++flatTags > MAX_VALUE_TAGS) {
        if (flatTags === MAX_VALUE_TAGS + 1 && skipDepth === -1) valuesCut++;
        continue;
      }
      collect(s.slice(tagStart, end + 1));
      if (!selfClosing) stack.push(frame(safeName(name), null, newNode(null)));
      continue;
    }

    // Caps that keep the object tree small whatever the document says.
    const lname = local.toLowerCase();
    const isItem = (lname === 'item' || lname === 'entry') && !name.includes(':');
    if (skipDepth === -1 && isItem) {
      if (items >= maxItems) {
        droppedItems++;
        if (!selfClosing) skipDepth = stack.length;
      } else items++;
    }
    if (skipDepth === -1 && lname === 'category' && parent) {
      parent.categories++;
      if (parent.categories > MAX_CATEGORIES_KEPT && !selfClosing) skipDepth = stack.length;
    }
    if (skipDepth === -1 && parent && !isItem) {
      parent.children++;
      // Only kept elements count towards the feed's total: one flooded element must not starve the items after it.
      if (parent.children > MAX_CHILDREN || elements >= MAX_ELEMENTS) {
        cutElements++;
        if (!selfClosing) skipDepth = stack.length;
      } else elements++;
    }
    if (skipDepth === -1 && isItem && !selfClosing) {
      // An item inside an item: nested (dropped by every reader) or its predecessor was never closed; its close decides.
      let k = stack.length - 1;
      while (k >= 0 && !stack[k].isItem) k--;
      const outer = k >= 0 ? stack[k] : undefined;
      if (outer) {
        // Only a direct child can be the start of a sibling: closing the outer item there keeps the XML balanced.
        if (parent === outer) outer.direct++;
        outer.nested++;
      }
    }

    // Atom dates and links are read under their own names (pr-*), apart from RSS elements of the same name.
    if (rootKind === 'feed' && (name === 'published' || name === 'updated' || name === 'link')) name = `pr-${name}`;

    // The attribute text: between the name and the ">", without the "/" of an empty-element tag.
    const attrEnd = selfClosing ? s.lastIndexOf('/', end) : end;
    const { attrs, count, xmlBase } = hasCodeUnit(s, EQUALS, nameStop, attrEnd) ? readAttrs(s.slice(nameStop, attrEnd)) : NO_ATTRS;
    // Only an explicit xml:base is written down: without one, links resolve against the feed's own link first.
    const outer = parent?.base ?? null;
    const base = xmlBase !== null ? joinBase(outer ?? opts.url ?? null, xmlBase) : outer;
    const own = base && /^(feed|channel|item|entry|pr-link|link|rdf:RDF|rss)$/.test(name) ? Object.assign(Object.create(NOTHING) as Record<string, string>, attrs, { 'pr-base': base }) : attrs;
    const safe = safeName(name);
    if (safe !== name && skipDepth === -1) warnings.push(`element <${name.slice(0, 40)}> renamed`);
    const node = newNode(own !== attrs || count > 0 ? own : null);
    if (skipDepth === -1) {
      if (parent) childList(parent.node, safe).push(node);
      else tree = node;
    }
    if (!selfClosing) {
      if (TEXT_CONSTRUCTS.has(name) && parent) {
        flatDepth = stack.length;
        flat = [];
        flatTags = 0;
      }
      stack.push(frame(safe, base, node));
    } else if (skipDepth !== -1 && stack.length <= skipDepth) skipDepth = -1;
    if (!parent && selfClosing) rootDone = true;
  }

  if (!rootKind || !tree) return notAFeed('no root element');
  if (stack.length > 0) return truncated(`<${stack[stack.length - 1].name}> element`);
  if (droppedItems > 0) warnings.push(`${droppedItems} items beyond the limit of ${maxItems} dropped`);
  if (nestedDropped > 0) warnings.push(`${nestedDropped} items nested inside another item dropped`);
  if (unclosedItems > 0) warnings.push(`${unclosedItems} unclosed items closed where the next item starts`);
  if (valuesCut > 0) warnings.push(`${valuesCut} values with more than ${MAX_VALUE_TAGS} markup tags cut`);
  if (cutElements > 0) warnings.push(`${cutElements} elements beyond ${MAX_CHILDREN} per parent or ${MAX_ELEMENTS} per feed cut`);
  if (repaired > 0) warnings.push(`${repaired} mismatched tags repaired`);
  if (trailing) warnings.push('content after the root element ignored');
  return { ok: true, tree, root: rootKind, warnings };
}

function findOpen(stack: Frame[], name: string): number {
  const safe = safeName(name);
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k].name === safe || stack[k].name === `pr-${safe}`) return k;
  // The root may have been renamed (rdf:RDF, a prefixed Atom feed); its close tag closes it.
  return stack.length > 0 && rootKindOf(name) ? 0 : -1;
}

function rootKindOf(name: string): 'rss' | 'feed' | 'rdf' | null {
  const local = localName(name);
  if (local === 'feed') return 'feed';
  if (local === 'rss') return 'rss';
  if (local === 'RDF') return 'rdf';
  return null;
}

interface Attrs {
  attrs: Record<string, string>;
  count: number;
  xmlBase: string | null;
}

const NO_ATTRS: Attrs = { attrs: {}, count: 0, xmlBase: null };

/** `\s` of a regular expression (what the attribute syntax below has always meant by a space). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff);
}

/** Ends an attribute name: a space, "=", "/", ">" or a quote. */
function endsAttrName(c: number): boolean {
  return c === EQUALS || c === SLASH || c === GT || c === QUOT || c === APOS || isSpace(c);
}

/** Ends an unquoted attribute value: a space, ">" or a quote. */
function endsBareValue(c: number): boolean {
  return c === GT || c === QUOT || c === APOS || isSpace(c);
}

/**
 * The attributes of a start tag, as `name="v"`, `name='v'`, `name=v` or a bare `name` (whose value is its name), read
 * forgivingly: anything between attributes is skipped, a value whose quote never closes leaves a bare name.
 */
export function readAttrs(raw: string): Attrs {
  const attrs = Object.create(NOTHING) as Record<string, string>;
  let count = 0;
  let xmlBase: string | null = null;
  const n = raw.length;
  let i = 0;
  while (count < MAX_ATTRS) {
    while (i < n && endsAttrName(raw.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !endsAttrName(raw.charCodeAt(i))) i++;
    const name = raw.slice(start, i);
    let given: string | null = null;
    let j = i;
    while (isSpace(raw.charCodeAt(j))) j++;
    if (raw.charCodeAt(j) === EQUALS) {
      j++;
      while (isSpace(raw.charCodeAt(j))) j++;
      const q = raw.charCodeAt(j);
      if (q === QUOT || q === APOS) {
        const close = raw.indexOf(q === QUOT ? '"' : "'", j + 1);
        if (close !== -1) {
          given = raw.slice(j + 1, close);
          i = close + 1;
        }
      } else {
        let k = j;
        while (k < n && !endsBareValue(raw.charCodeAt(k))) k++;
        if (k > j) {
          given = raw.slice(j, k);
          i = k;
        }
      }
    }
    if (nameEnd(name, 0) !== name.length) continue;
    const safe = safeName(name);
    if (name === 'pr-base' || safe in attrs) continue;
    count++;
    const value = decodeAttr(given ?? name);
    if (name === 'xml:base') xmlBase = value;
    attrs[safe] = value;
  }
  return { attrs, count, xmlBase };
}

function decodeAttr(v: string): string {
  if (!v.includes('&')) return v;
  return fixEntities(v).replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, r: string) => {
    if (r === 'lt') return '<';
    if (r === 'gt') return '>';
    if (r === 'quot') return '"';
    if (r === 'apos') return "'";
    if (r === 'amp') return '&';
    const cp = numericRef(r);
    return cp !== null && isXmlChar(cp) ? String.fromCodePoint(cp) : '';
  });
}

function notAFeed(what: string): GuardResult {
  return { ok: false, code: FeedErrorCode.NotAFeed, message: `not a feed: ${what}` };
}

function truncated(what: string): GuardResult {
  return { ok: false, code: FeedErrorCode.ParseFailed, message: `document ends inside a ${what} (truncated?)` };
}

import { decodeHtmlEntities } from './entities';
import { cleanLine } from './text';

export const MAX_AUTHORS = 20;
const MAX_AUTHOR = 200;
const MAX_JSON_LD = 1_000_000;
const MAX_JSON_DEPTH = 12;

/** What the page says about itself, collected while the tree is built, decided after. */
export class PageMeta {
  private readonly metas = new Map<string, string>();
  private readonly ld: { headline?: string; published?: string; authors: string[] } = { authors: [] };
  private ldBytes = 0;
  docTitle: string | null = null;
  firstTime: string | null = null;
  readonly bylines: string[] = [];
  readonly relAuthors: string[] = [];

  /** <meta property|name|itemprop=... content=...>: the first value of each key wins. */
  meta(attrs: Map<string, string>): void {
    const key = (attrs.get('property') ?? attrs.get('name') ?? attrs.get('itemprop') ?? '').toLowerCase().trim();
    const content = attrs.get('content') ?? attrs.get('datetime');
    if (key && content !== undefined && !this.metas.has(key)) this.metas.set(key, decodeHtmlEntities(content));
  }

  jsonLd(text: string): void {
    this.ldBytes += text.length;
    if (this.ldBytes > MAX_JSON_LD) return;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return;
    }
    this.walkLd(data, 0);
  }

  private walkLd(node: unknown, depth: number): void {
    if (depth > MAX_JSON_DEPTH || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node.slice(0, 50)) this.walkLd(n, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    const type = ([] as unknown[]).concat(o['@type'] ?? []).join(' ');
    if (/Article|BlogPosting|Report|NewsArticle|WebPage|Posting/i.test(type)) {
      if (typeof o.headline === 'string' && !this.ld.headline && !/WebPage/i.test(type)) this.ld.headline = o.headline;
      if (typeof o.datePublished === 'string' && !this.ld.published) this.ld.published = o.datePublished;
      if (!this.ld.authors.length && !/WebPage/i.test(type)) {
        for (const a of ([] as unknown[]).concat(o.author ?? []).slice(0, MAX_AUTHORS)) {
          const name = typeof a === 'string' ? a : a && typeof a === 'object' ? (a as Record<string, unknown>).name : undefined;
          if (typeof name === 'string') this.ld.authors.push(name);
        }
      }
    }
    if (o['@graph']) this.walkLd(o['@graph'], depth + 1);
    if (o.mainEntity) this.walkLd(o.mainEntity, depth + 1);
  }

  private get(...keys: string[]): string | null {
    for (const k of keys) {
      const v = this.metas.get(k);
      if (v && v.trim()) return v;
    }
    return null;
  }

  title(h1: string | null): string | null {
    const t = this.get('og:title', 'twitter:title') ?? this.ld.headline ?? h1 ?? this.docTitle;
    return t ? cleanLine(decodeHtmlEntities(t)) || null : null;
  }

  published(): string | null {
    const candidates = [
      this.get('article:published_time', 'datepublished', 'og:published_time', 'article.published', 'publishdate', 'publish-date', 'pubdate', 'sailthru.date', 'dc.date.issued', 'dc.date', 'dcterms.created', 'date', 'parsely-pub-date'),
      this.ld.published ?? null,
      this.firstTime,
    ];
    for (const c of candidates) {
      const iso = c ? toIso(c) : null;
      if (iso) return iso;
    }
    return null;
  }

  authors(): string[] {
    const fromMeta = [this.get('author', 'article:author', 'sailthru.author', 'parsely-author', 'dc.creator', 'byl')].filter((a): a is string => !!a && !/^https?:/i.test(a));
    for (const list of [this.ld.authors, fromMeta, this.relAuthors, this.bylines]) {
      const names = cleanAuthors(list);
      if (names.length) return names;
    }
    return [];
  }
}

const MONTH_TAIL = /\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?\s*$/i;
const WORD_TAIL = /\s+(?:share|follow|email|twitter|on|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;
// Words that bylines hold besides names.
const STOP = new Set(['by', 'staff', 'admin', 'editor', 'editors', 'updated', 'published', 'posted', 'reporter', 'contributor', 'share', 'follow', 'posted by', 'editorial']);

/** "By Jane Roe and John Doe" -> ["Jane Roe", "John Doe"]; a URL or a sentence is not a name. */
export function cleanAuthors(list: string[]): string[] {
  const out: string[] = [];
  for (const raw of list) {
    const line = cleanLine(decodeHtmlEntities(raw), MAX_AUTHOR * 4).replace(/^(?:(?:posted|written|story|words|text)\s+)?(?:by|von|par|por|di|door)\s*:?\s+/i, '');
    for (const part of line.split(/\s*(?:,|;|\band\b|&|\||\s[-–—]\s)\s*/i)) {
      // "Carrie Arnold November 15": a byline's date is not part of the name.
      const name = part.replace(MONTH_TAIL, '').replace(WORD_TAIL, '').trim();
      if (/\bcommented\b/i.test(part)) continue;
      if (!name || name.length > MAX_AUTHOR || /^https?:|@|\d/.test(name) || !/\s|^\p{Lu}/u.test(name) || STOP.has(name.toLowerCase())) continue;
      if (name.split(' ').length > 5 || name === name.toLowerCase()) continue;
      if (!out.some((n) => n.toLowerCase() === name.toLowerCase())) out.push(name);
      if (out.length >= MAX_AUTHORS) return out;
    }
  }
  return out;
}

/** ISO-8601 (or RFC 2822) with a plausible year to ISO UTC; anything else is no date. */
export function toIso(value: string): string | null {
  const s = value.trim().slice(0, 64);
  if (!/^\d{4}-\d{2}-\d{2}|^[A-Za-z]{3},? \d{1,2} [A-Za-z]{3} \d{4}|^\d{1,2} [A-Za-z]{3} \d{4}/.test(s)) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) {
    // Date.parse rolls 31 February into March; refuse impossible days instead.
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  }
  const t = Date.parse(/^\d{4}-\d{2}-\d{2} \d/.test(s) ? s.replace(' ', 'T') : s);
  if (!Number.isFinite(t)) return null;
  const year = new Date(t).getUTCFullYear();
  return year >= 1990 && year <= 2100 ? new Date(t).toISOString() : null;
}

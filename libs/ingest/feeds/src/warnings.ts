/**
 * Warnings as operators read them in feed health and CLI output: a stable code and how many times it happened.
 * The parser reports plain sentences; these are the codes for the sentences that mean something was lost.
 */
export enum FeedWarningCode {
  /** Items beyond the parser's item limit were not read at all. */
  ItemsCut = 'ITEMS_CUT',
  /** Items the parser read but could not keep (broken markup, no title). */
  ItemDropped = 'ITEM_DROPPED',
  /** The same item twice in one document; the copy is dropped. */
  ItemDuplicate = 'ITEM_DUPLICATE',
  /** Content after the root element, ignored. */
  ContentIgnored = 'CONTENT_IGNORED',
  /** A date the parser would not believe; the item goes out without it. */
  DateIgnored = 'DATE_IGNORED',
  /** Markup repaired or renamed, a charset guessed, a DOCTYPE removed: read, not lost. */
  ParseWarning = 'PARSE_WARNING',
  /** The poll's deadline came before the item's article page: the feed's own text went out. */
  ArticleDeadline = 'ARTICLE_DEADLINE',
  /** An article link the fetch policy refuses (private address, scheme): never requested. */
  ArticleRefused = 'ARTICLE_REFUSED',
  /** An article page that failed (status, timeout, size): the feed's own text went out. */
  ArticleFailed = 'ARTICLE_FAILED',
}

export interface FeedWarning {
  code: FeedWarningCode;
  count: number;
  /** The first occurrence, as said by whoever noticed it. */
  message?: string;
}

const COUNTED: Array<[RegExp, FeedWarningCode]> = [
  [/^(\d+) items? beyond the limit of \d+ dropped/i, FeedWarningCode.ItemsCut],
  [/^(\d+) duplicate items? dropped/i, FeedWarningCode.ItemDuplicate],
  [/^(\d+) .*\b(dropped|skipped|lost)\b/i, FeedWarningCode.ItemDropped],
];

/** The code and count a parser warning stands for. */
export function classifyParseWarning(text: string): { code: FeedWarningCode; count: number } {
  for (const [pattern, code] of COUNTED) {
    const m = pattern.exec(text);
    if (m) return { code, count: Number(m[1]) };
  }
  if (/\b(dropped|skipped|lost)\b/i.test(text)) return { code: FeedWarningCode.ItemDropped, count: 1 };
  if (/after the root element/i.test(text)) return { code: FeedWarningCode.ContentIgnored, count: 1 };
  if (/\bdate\b/i.test(text)) return { code: FeedWarningCode.DateIgnored, count: 1 };
  return { code: FeedWarningCode.ParseWarning, count: 1 };
}

/** Adds up warnings by code, keeping the first message of each; the order of codes is the order first seen. */
export class WarningTally {
  private readonly byCode = new Map<FeedWarningCode, FeedWarning>();

  add(code: FeedWarningCode, count = 1, message?: string): void {
    if (count <= 0) return;
    const w = this.byCode.get(code);
    if (w) w.count += count;
    else this.byCode.set(code, { code, count, ...(message ? { message: message.slice(0, 200) } : {}) });
  }

  addParseWarnings(texts: readonly string[]): void {
    for (const t of texts) {
      const { code, count } = classifyParseWarning(t);
      this.add(code, count, t);
    }
  }

  list(): FeedWarning[] {
    return [...this.byCode.values()].map((w) => ({ ...w }));
  }
}

import { classifyParseWarning, FeedWarningCode, WarningTally } from './warnings';

describe('classifyParseWarning', () => {
  it.each([
    ['99500 items beyond the limit of 500 dropped', FeedWarningCode.ItemsCut, 99_500],
    ['3 duplicate items dropped', FeedWarningCode.ItemDuplicate, 3],
    ['2 unclosed items dropped', FeedWarningCode.ItemDropped, 2],
    ['item without a title dropped', FeedWarningCode.ItemDropped, 1],
    ['content after the root element ignored', FeedWarningCode.ContentIgnored, 1],
    ['unparseable date "not a date"', FeedWarningCode.DateIgnored, 1],
    ['future date ignored "Thu, 01 Jan 2099"', FeedWarningCode.DateIgnored, 1],
    ['4 mismatched tags repaired', FeedWarningCode.ParseWarning, 1],
    ['DOCTYPE removed', FeedWarningCode.ParseWarning, 1],
  ])('should read %j as %s x%d', (text, code, count) => {
    expect(classifyParseWarning(text)).toEqual({ code, count });
  });
});

describe('WarningTally', () => {
  it('should add counts per code, keep the first message and ignore zero counts', () => {
    const t = new WarningTally();
    t.addParseWarnings(['700 items beyond the limit of 500 dropped', 'unparseable date "x"', 'unparseable date "y"']);
    t.add(FeedWarningCode.ArticleDeadline, 3, 'poll deadline 60000 ms');
    t.add(FeedWarningCode.ArticleDeadline, 2);
    t.add(FeedWarningCode.ArticleRefused, 0);
    expect(t.list()).toEqual([
      { code: 'ITEMS_CUT', count: 700, message: '700 items beyond the limit of 500 dropped' },
      { code: 'DATE_IGNORED', count: 2, message: 'unparseable date "x"' },
      { code: 'ARTICLE_DEADLINE', count: 5, message: 'poll deadline 60000 ms' },
    ]);
  });
});

/** What the classifier reads: one news item. Only title is required to be non-empty; text may be ''. */
export interface ArticleInput {
  title: string;
  text: string;
  url?: string;
  source?: string;
  published?: string;
}

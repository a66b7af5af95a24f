// The tokenizer lives with the article extractor; feed text uses the same one.
export { attrValue, tokenizeHtml } from '@pharma-radar/ingest-extract';
export type { HtmlToken } from '@pharma-radar/ingest-extract';

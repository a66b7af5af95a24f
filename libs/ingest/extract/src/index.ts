export { extractArticle, MAX_ARTICLE_HTML } from './extract';
export type { Article } from './extract';
export { decodeHtml } from './decode';
export { CP1252, decodeHtmlEntities, HTML4_ENTITIES, isXmlChar } from './entities';
export { attrValue, parseAttrs, tokenizeHtml } from './html-tokens';
export type { HtmlToken } from './html-tokens';
export { MAX_TEXT, MAX_TITLE, cleanBlock, cleanLine, scrub, truncate } from './text';

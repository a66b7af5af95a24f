import { decodeHtml, extractArticle } from '@pharma-radar/ingest-extract';
import { ArticleText } from './types';

/**
 * The ingest poller's view of an article page: title and main text (extraction itself lives in ingest-extract).
 * Bytes are decoded by the page's own charset (HTTP header, BOM, <meta charset>), not assumed to be UTF-8: a
 * windows-1252 page would otherwise lose every accented letter.
 */
export function extractArticleText(page: string | Uint8Array, _url?: string, contentType?: string): ArticleText {
  const html = typeof page === 'string' ? page : page instanceof Uint8Array ? decodeHtml(page, contentType) : '';
  if (html.length === 0) return { title: null, text: '', paragraphs: 0 };
  const { title, text, paragraphs } = extractArticle(html);
  return { title, text, paragraphs };
}

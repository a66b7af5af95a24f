import { extractArticle } from '@pharma-radar/ingest-extract';
import { ArticleText } from './types';

/** The ingest poller's view of an article page: title and main text (extraction itself lives in ingest-extract). */
export function extractArticleText(html: string, _url?: string): ArticleText {
  if (typeof html !== 'string' || html.length === 0) return { title: null, text: '', paragraphs: 0 };
  const { title, text, paragraphs } = extractArticle(html);
  return { title, text, paragraphs };
}

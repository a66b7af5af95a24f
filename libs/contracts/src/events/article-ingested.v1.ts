import { z } from 'zod';
import { envelopeSchema } from '../envelope';

const MAX_TEXT = 200_000;

export const articleIngestedV1Payload = z.object({
  /** Stable id derived from the item's canonical identity (see ingest-feeds dedup keys). */
  articleId: z.string().min(1).max(200),
  feedId: z.string().min(1).max(200),
  feedTitle: z.string().max(1_000).nullable(),
  url: z.string().max(4_000).nullable(),
  title: z.string().max(4_000),
  summary: z.string().max(MAX_TEXT).nullable(),
  /** Full article text when it could be fetched, else the feed's own content. */
  text: z.string().max(MAX_TEXT),
  authors: z.array(z.string().max(500)).max(100),
  categories: z.array(z.string().max(500)).max(500),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
  fetchedAt: z.iso.datetime({ offset: true }),
  contentHash: z.string().min(1).max(128),
});
export type ArticleIngestedV1 = z.infer<typeof articleIngestedV1Payload>;

export const ARTICLE_INGESTED_V1 = 'article.ingested' as const;
export const articleIngestedV1 = envelopeSchema(ARTICLE_INGESTED_V1, 1, articleIngestedV1Payload);

export const articleIngestedV1Example: ArticleIngestedV1 = {
  articleId: 'a-3f1c9e',
  feedId: 'sample-pharma-wire',
  feedTitle: 'Sample Pharma Wire',
  url: 'https://news.example/astrazeneca-petrov',
  title: 'AstraZeneca teams up with Russia\u2019s N.N. Petrov Institute of Oncology on cancer genetics',
  summary: null,
  text: 'AstraZeneca has signed a research agreement with the N.N. Petrov Institute of Oncology to identify genetic mutations in cancer patients. Financial terms were not disclosed.',
  authors: [],
  categories: ['Oncology'],
  publishedAt: '2026-11-30T09:00:00.000Z',
  fetchedAt: '2026-11-30T09:01:00.000Z',
  contentHash: 'sha256:0f',
};

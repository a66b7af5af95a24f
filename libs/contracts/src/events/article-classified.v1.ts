import { z } from 'zod';
import { envelopeSchema } from '../envelope';
import { classificationSchema } from './classification.v1';

export const articleClassifiedV1Payload = z.object({
  articleId: z.string().min(1).max(200),
  feedId: z.string().min(1).max(200),
  url: z.string().max(4_000).nullable(),
  title: z.string().max(4_000),
  source: z.string().max(1_000).nullable(),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
  /** When ingest first saw the item: the start of the pipeline-lag clock. */
  ingestedAt: z.iso.datetime({ offset: true }),
  contentHash: z.string().min(1).max(128),
  classification: classificationSchema,
});
export type ArticleClassifiedV1 = z.infer<typeof articleClassifiedV1Payload>;

export const ARTICLE_CLASSIFIED_V1 = 'article.classified' as const;
export const articleClassifiedV1 = envelopeSchema(ARTICLE_CLASSIFIED_V1, 1, articleClassifiedV1Payload);

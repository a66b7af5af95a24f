import { z } from 'zod';
import { envelopeSchema } from '../envelope';
import { classificationSchema } from './classification.v1';

export const collaborationSourceSchema = z.object({
  articleId: z.string().min(1).max(200),
  url: z.string().max(4_000).nullable(),
  source: z.string().max(1_000).nullable(),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
});

/**
 * One event per announcement. Syndicated copies share `collaborationId`; `revision` grows with each
 * copy so the notifier alerts once (revision 1) and later revisions only update what is shown.
 * Subscribers are deliberately absent: the notifier resolves them itself.
 */
export const collaborationFlaggedV1Payload = z.object({
  collaborationId: z.string().min(1).max(200),
  revision: z.number().int().min(1),
  articleId: z.string().min(1).max(200),
  title: z.string().max(4_000),
  url: z.string().max(4_000).nullable(),
  source: z.string().max(1_000).nullable(),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
  ingestedAt: z.iso.datetime({ offset: true }),
  sources: z.array(collaborationSourceSchema).min(1).max(100),
  classification: classificationSchema,
});
export type CollaborationFlaggedV1 = z.infer<typeof collaborationFlaggedV1Payload>;

export const COLLABORATION_FLAGGED_V1 = 'collaboration.flagged' as const;
export const collaborationFlaggedV1 = envelopeSchema(COLLABORATION_FLAGGED_V1, 1, collaborationFlaggedV1Payload);

import { z } from 'zod';

/**
 * Feed health as ingest writes it to the shared store and the dashboard reads it.
 * WARNING: the store key is shared between services; renaming it is a migration.
 */
export const FEED_HEALTH_KEY = 'feed-health:v1';

export const feedHealthV1 = z.object({
  feedId: z.string(),
  source: z.string(),
  status: z.enum(['ok', 'error', 'pending']),
  lastPolledAt: z.string().nullable(),
  lastOkAt: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  itemsLastPoll: z.number().int(),
  publishedTotal: z.number().int(),
  nextPollAt: z.string().nullable(),
  /**
   * What the last poll cut, dropped or skipped, by code and count (ITEMS_CUT, ITEM_DROPPED, ARTICLE_DEADLINE,
   * ARTICLE_REFUSED, ...). Optional: records written before it existed have none.
   */
  warnings: z
    .array(z.object({ code: z.string(), count: z.number().int(), message: z.string().optional() }))
    .optional(),
});
export type FeedHealthV1 = z.infer<typeof feedHealthV1>;

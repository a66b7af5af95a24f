import { z } from 'zod';

/** Shared vocabulary of the classifier's result; part of article-classified.v1 and collaboration-flagged.v1. */
export const RD_EVENT_TYPES = ['research_collaboration', 'co_development', 'licensing_with_rd', 'consortium'] as const;
export const EVENT_TYPES = [
  ...RD_EVENT_TYPES,
  'acquisition', 'commercial_deal', 'manufacturing_supply', 'financing', 'termination', 'clinical_result', 'regulatory',
  'earnings', 'personnel', 'restructuring', 'policy_pricing', 'legal', 'science', 'product_launch', 'safety',
  'general_commentary', 'other',
] as const;
export const PARTY_TYPES = ['pharma', 'biotech', 'academic', 'hospital', 'government', 'nonprofit', 'tech', 'cro', 'other'] as const;

export const eventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof eventTypeSchema>;
export const partyTypeSchema = z.enum(PARTY_TYPES);
export type PartyType = z.infer<typeof partyTypeSchema>;

export const partySchema = z.object({
  name: z.string().min(1).max(500),
  type: partyTypeSchema,
  role: z.string().max(100).optional(),
});
export type Party = z.infer<typeof partySchema>;

const money = z.number().nonnegative().optional();
export const financialTermsSchema = z.object({
  upfront: money,
  milestones: money,
  total: money,
  royalties: z.boolean().optional(),
  currency: z.string().max(8).optional(),
  undisclosed: z.boolean(),
  text: z.string().max(2_000),
});
export type FinancialTerms = z.infer<typeof financialTermsSchema>;

export const classificationSchema = z.object({
  is_rd_collaboration: z.boolean(),
  event_type: eventTypeSchema,
  parties: z.array(partySchema).max(50),
  therapeutic_areas: z.array(z.string().max(100)).max(50),
  modalities: z.array(z.string().max(100)).max(50),
  geographies: z.array(z.string().max(100)).max(50),
  financial_terms: financialTermsSchema.nullable(),
  confidence: z.number().min(0).max(1),
  evidence: z.string().max(4_000),
  model_version: z.string().min(1).max(100),
  /**
   * Added in place because both are optional: a v1 consumer that does not know them strips them. ISO 639-1 language
   * of the text; anything but 'en' means the rules could not read it and the confidence says so.
   */
  language: z.string().min(2).max(8).optional(),
  /** The few features that decided a learned classification, with their contribution in log-odds ("why flagged"). */
  why: z.array(z.object({ feature: z.string().min(1).max(120), weight: z.number(), label: z.string().max(200).optional() })).max(10).optional(),
});
export type Classification = z.infer<typeof classificationSchema>;

export function isRdEventType(t: EventType): boolean {
  return (RD_EVENT_TYPES as readonly string[]).includes(t);
}

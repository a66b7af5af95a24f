import type { Classification } from '@pharma-radar/contracts';
import type { ArticleInput } from '../types';

/** One line of a labelled set (the shape of shared/eval/dev.jsonl). */
export interface LabelledRecord {
  id: string;
  title: string;
  text: string;
  url?: string;
  source?: string;
  date?: string | null;
  label: 'rd_collaboration' | 'not_rd_collaboration';
  event_type?: string | null;
  parties: string[];
  partner_types?: string[] | null;
  therapeutic_areas?: string[] | null;
  financial_terms?: string | null;
  dup_of?: string | null;
  borderline?: boolean | null;
  /** The second, independent labeller's decision, where the set has one. */
  second_label?: 'rd_collaboration' | 'not_rd_collaboration' | null;
  /** The second labeller's deal type where the two differed: either counts as right. */
  event_type_alt?: string | null;
}

export type ClassifyFn = (input: ArticleInput) => Classification;

export type ParseResult = { ok: true; record: LabelledRecord } | { ok: false; error: string };

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Validates one parsed JSON value; a wrong shape is a returned error, not an exception. */
export function parseLabelledRecord(value: unknown): ParseResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'not an object' };
  const o = value as Record<string, unknown>;
  if (typeof o.id !== 'string' || o.id.length === 0) return { ok: false, error: 'id missing' };
  if (typeof o.title !== 'string') return { ok: false, error: 'title missing' };
  if (o.label !== 'rd_collaboration' && o.label !== 'not_rd_collaboration') return { ok: false, error: 'label must be rd_collaboration or not_rd_collaboration' };
  return {
    ok: true,
    record: {
      id: o.id,
      title: o.title,
      text: typeof o.text === 'string' ? o.text : '',
      url: typeof o.url === 'string' ? o.url : undefined,
      source: typeof o.source === 'string' ? o.source : undefined,
      date: typeof o.date === 'string' ? o.date : null,
      label: o.label,
      event_type: typeof o.event_type === 'string' ? o.event_type : null,
      parties: strings(o.parties),
      partner_types: Array.isArray(o.partner_types) ? strings(o.partner_types) : null,
      therapeutic_areas: Array.isArray(o.therapeutic_areas) ? strings(o.therapeutic_areas) : null,
      financial_terms: typeof o.financial_terms === 'string' ? o.financial_terms : null,
      dup_of: typeof o.dup_of === 'string' ? o.dup_of : null,
      borderline: o.borderline === true,
      second_label: o.second_label === 'rd_collaboration' || o.second_label === 'not_rd_collaboration' ? o.second_label : null,
      event_type_alt: typeof o.event_type_alt === 'string' ? o.event_type_alt : null,
    },
  };
}

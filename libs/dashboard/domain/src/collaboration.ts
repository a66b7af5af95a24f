import type { CollaborationFlaggedV1 } from '@pharma-radar/contracts';

/** One announcement as the analyst sees it: the highest revision's classification, every syndicated source. */
export interface CollaborationView {
  collaborationId: string;
  revision: number;
  title: string;
  url: string | null;
  source: string | null;
  publishedAt: string | null;
  /** When ingest first saw it: the date of an item whose feed gave none. */
  ingestedAt: string;
  eventType: string;
  parties: Array<{ name: string; type: string; role?: string }>;
  therapeuticAreas: string[];
  modalities: string[];
  geographies: string[];
  financialTerms: CollaborationFlaggedV1['classification']['financial_terms'];
  confidence: number;
  evidence: string;
  modelVersion: string;
  why: NonNullable<CollaborationFlaggedV1['classification']['why']>;
  articleId: string;
  sources: CollaborationFlaggedV1['sources'];
}

/** The date a collaboration is listed, filtered and charted by: published, else first seen. */
export const collaborationDate = (c: Pick<CollaborationView, 'publishedAt' | 'ingestedAt'>): string => c.publishedAt ?? c.ingestedAt;

function mergeSources(a: CollaborationFlaggedV1['sources'], b: CollaborationFlaggedV1['sources']) {
  const seen = new Map(a.map((s) => [s.articleId, s]));
  for (const s of b) if (!seen.has(s.articleId)) seen.set(s.articleId, s);
  return [...seen.values()];
}

export function toView(f: CollaborationFlaggedV1): CollaborationView {
  const c = f.classification;
  return {
    collaborationId: f.collaborationId,
    revision: f.revision,
    title: f.title,
    url: f.url,
    source: f.source,
    publishedAt: f.publishedAt,
    ingestedAt: f.ingestedAt,
    eventType: c.event_type,
    parties: c.parties.map((p) => ({ name: p.name, type: p.type, ...(p.role ? { role: p.role } : {}) })),
    therapeuticAreas: c.therapeutic_areas,
    modalities: c.modalities,
    geographies: c.geographies,
    financialTerms: c.financial_terms,
    confidence: c.confidence,
    evidence: c.evidence,
    modelVersion: c.model_version,
    why: c.why ?? [],
    articleId: f.articleId,
    sources: f.sources,
  };
}

/**
 * Flag events (every revision, any order) folded into one view per announcement: the highest revision's
 * classification with the sources of all revisions, newest first by date (ties: id, so the order is stable).
 */
export function foldFlags(flags: Iterable<CollaborationFlaggedV1>): CollaborationView[] {
  const byId = new Map<string, CollaborationFlaggedV1>();
  for (const f of flags) {
    const prev = byId.get(f.collaborationId);
    if (!prev) byId.set(f.collaborationId, f);
    else if (f.revision > prev.revision) byId.set(f.collaborationId, { ...f, sources: mergeSources(prev.sources, f.sources) });
    else byId.set(f.collaborationId, { ...prev, sources: mergeSources(prev.sources, f.sources) });
  }
  return [...byId.values()].map(toView).sort(newestFirst);
}

export function newestFirst(a: CollaborationView, b: CollaborationView): number {
  // Compared as instants: feeds give offsets other than Z, so the strings do not sort.
  const d = Date.parse(collaborationDate(b)) - Date.parse(collaborationDate(a));
  return d !== 0 ? d : a.collaborationId.localeCompare(b.collaborationId);
}

/** The largest amount the terms name (a total, else upfront plus milestones), or null when none is given. */
export function headlineAmount(terms: CollaborationView['financialTerms']): number | null {
  if (!terms) return null;
  if (terms.total !== undefined) return terms.total;
  if (terms.upfront === undefined && terms.milestones === undefined) return null;
  return (terms.upfront ?? 0) + (terms.milestones ?? 0);
}

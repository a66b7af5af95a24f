import { collaborationFlaggedV1Payload, type Classification, type CollaborationFlaggedV1 } from '@pharma-radar/contracts';
import type { Subscriber } from '../subscriber';

/** An invented but realistic flagged collaboration; override any field per test. */
export function aFlag(overrides: Partial<Omit<CollaborationFlaggedV1, 'classification'>> & { classification?: Partial<Classification> } = {}): CollaborationFlaggedV1 {
  const { classification, ...rest } = overrides;
  const flag: CollaborationFlaggedV1 = {
    collaborationId: 'collab-az-petrov-2025',
    revision: 1,
    articleId: 'article-1',
    title: 'AstraZeneca and N.N. Petrov Institute of Oncology partner on early cancer research',
    url: 'https://news.example.com/az-petrov',
    source: 'Example Pharma News',
    publishedAt: '2025-03-04T09:00:00Z',
    ingestedAt: '2025-03-04T09:05:00Z',
    sources: [{ articleId: 'article-1', url: 'https://news.example.com/az-petrov', source: 'Example Pharma News', publishedAt: '2025-03-04T09:00:00Z' }],
    classification: {
      is_rd_collaboration: true,
      event_type: 'research_collaboration',
      parties: [
        { name: 'AstraZeneca PLC', type: 'pharma' },
        { name: 'N.N. Petrov Institute of Oncology', type: 'academic' },
      ],
      therapeutic_areas: ['oncology'],
      modalities: ['antibody-drug conjugate'],
      geographies: ['Russia'],
      financial_terms: { upfront: 50_000_000, milestones: 1_200_000_000, currency: 'USD', undisclosed: false, text: '$50 million upfront and up to $1.2 billion in milestones' },
      confidence: 0.87,
      evidence: 'AstraZeneca will collaborate with the N.N. Petrov Institute to discover new antibody-drug conjugates.',
      model_version: 'rules-2025.03',
      ...classification,
    },
    ...rest,
  };
  // A fixture that the real contract would refuse would make every test built on it meaningless.
  return collaborationFlaggedV1Payload.parse(flag);
}

export function aSubscriber(overrides: Partial<Subscriber> = {}): Subscriber {
  return { id: 'sub-1', email: 'analyst@bd-team.example', channels: ['email'], watchlist: {}, active: true, ...overrides };
}

import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CollaborationFlaggedV1, collaborationFlaggedV1Payload, ConsumerGroups, FEED_HEALTH_KEY, feedHealthV1, FeedHealthV1, Topics } from '@pharma-radar/contracts';
import { KEY_VALUE_STORE, KeyValueStore } from '@pharma-radar/platform-cache';
import { counter, histogram } from '@pharma-radar/platform-health';
import { EventOf, OnTopic } from '@pharma-radar/platform-messaging';
import { rememberFlag } from './feedback.controller';
import { summariseFlag } from './feedback';
import { renderPage } from './page';
import { RECENT_FLAGS_KEY as RECENT_KEY, RECENT_FLAGS_MAX as RECENT_MAX, safeJson } from './stored';

const throughput = counter('pharma_radar_pipeline_classified_total', 'Articles through the classifier, by result', ['result']);
const lag = histogram('pharma_radar_pipeline_lag_seconds', 'From ingest to classification', ['stage'], [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300]);

export interface CollaborationView {
  collaborationId: string;
  revision: number;
  title: string;
  url: string | null;
  source: string | null;
  publishedAt: string | null;
  eventType: string;
  parties: Array<{ name: string; type: string; role?: string }>;
  therapeuticAreas: string[];
  financialTerms: CollaborationFlaggedV1['classification']['financial_terms'];
  confidence: number;
  evidence: string;
  modelVersion: string;
  sources: CollaborationFlaggedV1['sources'];
}

@Controller()
export class DashboardController {
  constructor(@Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore) {}

  @OnTopic(Topics.collaborationsFlagged, ConsumerGroups.dashboardFlags)
  async onFlag(@Payload() event: EventOf<typeof Topics.collaborationsFlagged>): Promise<void> {
    await this.store.pushRecent(RECENT_KEY, JSON.stringify(event.payload), RECENT_MAX);
    await rememberFlag(this.store, event.payload);
    lag.observe({ stage: 'flagged' }, Math.max(0, (Date.parse(event.occurredAt) - Date.parse(event.payload.ingestedAt)) / 1000));
  }

  @OnTopic(Topics.articlesClassified, ConsumerGroups.dashboardClassified)
  async onClassified(@Payload() event: EventOf<typeof Topics.articlesClassified>): Promise<void> {
    throughput.inc({ result: event.payload.classification.is_rd_collaboration ? 'collaboration' : 'other' });
    lag.observe({ stage: 'classified' }, Math.max(0, (Date.parse(event.occurredAt) - Date.parse(event.payload.ingestedAt)) / 1000));
  }

  /** Newest first, one entry per announcement (the highest revision wins). */
  @Get('api/collaborations')
  async collaborations(@Query('limit') limit?: string): Promise<CollaborationView[]> {
    const n = Math.min(Math.max(Number.parseInt(limit ?? '100', 10) || 100, 1), 500);
    const byId = new Map<string, CollaborationFlaggedV1>();
    for (const raw of await this.store.recent(RECENT_KEY, RECENT_MAX)) {
      const parsed = safeJson(raw, collaborationFlaggedV1Payload);
      if (!parsed) continue;
      const prev = byId.get(parsed.collaborationId);
      if (!prev) byId.set(parsed.collaborationId, parsed);
      else if (parsed.revision > prev.revision) byId.set(parsed.collaborationId, { ...parsed, sources: mergeSources(prev.sources, parsed.sources) });
      else byId.set(parsed.collaborationId, { ...prev, sources: mergeSources(prev.sources, parsed.sources) });
    }
    return [...byId.values()].slice(0, n).map(view);
  }

  @Get('api/feeds')
  async feeds(): Promise<FeedHealthV1[]> {
    const all = await this.store.hgetall(FEED_HEALTH_KEY);
    return Object.values(all)
      .map((raw) => safeJson(raw, feedHealthV1))
      .filter((f): f is FeedHealthV1 => f !== null)
      .sort((a, b) => a.feedId.localeCompare(b.feedId));
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'")
  page(): string {
    return renderPage();
  }
}

function mergeSources(a: CollaborationFlaggedV1['sources'], b: CollaborationFlaggedV1['sources']) {
  const seen = new Map(a.map((s) => [s.articleId, s]));
  for (const s of b) if (!seen.has(s.articleId)) seen.set(s.articleId, s);
  return [...seen.values()];
}

/** The flag as summarised for feedback, plus what the collaborations list shows beside it. */
function view(f: CollaborationFlaggedV1): CollaborationView {
  const c = f.classification;
  return { ...summariseFlag(f), source: f.source, therapeuticAreas: c.therapeutic_areas, financialTerms: c.financial_terms, sources: f.sources };
}

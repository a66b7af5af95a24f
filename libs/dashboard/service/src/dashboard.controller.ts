import { Controller, Get, HttpException, Inject, NotFoundException, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Request, Response } from 'express';
import { ConsumerGroups, Topics } from '@pharma-radar/contracts';
import {
  applyQuery, chartData, collaborationsCsv, facets, highlightEvidence, leadOf, parseCollaborationQuery,
  type ChartData, type CollaborationQuery, type CollaborationView, type Facets, type LeadWithEvidence,
} from '@pharma-radar/dashboard-domain';
import { KEY_VALUE_STORE, KeyValueStore } from '@pharma-radar/platform-cache';
import { counter, histogram } from '@pharma-radar/platform-health';
import { EventOf, OnTopic } from '@pharma-radar/platform-messaging';
import { DashboardAuthGuard } from './auth';
import { CollaborationsRepository } from './collaborations';
import { rememberFlag } from './feedback.controller';
import { LiveUpdates } from './live';
import { activity } from './operations';
import { RECENT_FLAGS_KEY as RECENT_KEY, RECENT_FLAGS_MAX as RECENT_MAX } from './stored';

const throughput = counter('pharma_radar_pipeline_classified_total', 'Articles through the classifier, by result', ['result']);
const lag = histogram('pharma_radar_pipeline_lag_seconds', 'From ingest to classification', ['stage'], [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300]);

/** Each article's lead, for the detail page of a flag that names it. As long as the flags topic keeps flags. */
const LEAD_KEY_PREFIX = 'dashboard:lead:v1:';
const LEAD_TTL_SECONDS = 90 * 86_400;
const leadKey = (articleId: string) => `${LEAD_KEY_PREFIX}${encodeURIComponent(articleId)}`;

export type { CollaborationView };

export interface CollaborationDetail {
  collaboration: CollaborationView;
  /** The lead of the flagged article with the evidence marked; null when the dashboard never saw the article. */
  lead: (LeadWithEvidence & { articleId: string }) | null;
}

function invalidQuery(errors: Array<{ param: string; message: string; allowed?: readonly string[] }>): HttpException {
  const message = errors.map((e) => `${e.param}: ${e.message}`).join('; ');
  return new HttpException({ error: { code: 'INVALID_QUERY', message, details: errors } }, 400);
}

@Controller()
export class DashboardController {
  constructor(
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
    private readonly repo: CollaborationsRepository,
    private readonly live: LiveUpdates,
  ) {}

  @OnTopic(Topics.collaborationsFlagged, ConsumerGroups.dashboardFlags)
  async onFlag(@Payload() event: EventOf<typeof Topics.collaborationsFlagged>): Promise<void> {
    await this.store.pushRecent(RECENT_KEY, JSON.stringify(event.payload), RECENT_MAX);
    await rememberFlag(this.store, event.payload);
    activity.record('flags');
    lag.observe({ stage: 'flagged' }, Math.max(0, (Date.parse(event.occurredAt) - Date.parse(event.payload.ingestedAt)) / 1000));
  }

  @OnTopic(Topics.articlesClassified, ConsumerGroups.dashboardClassified)
  async onClassified(@Payload() event: EventOf<typeof Topics.articlesClassified>): Promise<void> {
    throughput.inc({ result: event.payload.classification.is_rd_collaboration ? 'collaboration' : 'other' });
    activity.record('classified');
    lag.observe({ stage: 'classified' }, Math.max(0, (Date.parse(event.occurredAt) - Date.parse(event.payload.ingestedAt)) / 1000));
  }

  /** Only the lead is kept (about 1 KB), not the article: what the detail page shows around the evidence. */
  @OnTopic(Topics.articlesIngested, ConsumerGroups.dashboardArticles)
  async onArticle(@Payload() event: EventOf<typeof Topics.articlesIngested>): Promise<void> {
    activity.record('ingested');
    await this.store.set(leadKey(event.payload.articleId), leadOf(event.payload.text, '', 2_500), LEAD_TTL_SECONDS);
  }

  /** Newest first, one entry per announcement, filtered; `X-Total-Count` is the number of matches before paging. */
  @Get('api/collaborations')
  @UseGuards(DashboardAuthGuard)
  async collaborations(@Query() raw: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<CollaborationView[]> {
    const { page } = applyQuery(await this.repo.all(), this.query(raw));
    res.setHeader('X-Total-Count', String(page.total));
    return page.items;
  }

  @Get('api/collaborations.csv')
  @UseGuards(DashboardAuthGuard)
  async csv(@Query() raw: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { matching } = applyQuery(await this.repo.all(), this.query(raw));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="collaborations-${new Date().toISOString().slice(0, 10)}.csv"`);
    // A byte-order mark, so spreadsheets read the file as UTF-8 (party names are not ASCII).
    res.send(`\uFEFF${collaborationsCsv(matching)}`);
  }

  @Get('api/collaborations.json')
  @UseGuards(DashboardAuthGuard)
  async json(@Query() raw: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const query = this.query(raw);
    const { matching } = applyQuery(await this.repo.all(), query);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="collaborations-${new Date().toISOString().slice(0, 10)}.json"`);
    const { limit: _limit, offset: _offset, ...filter } = query;
    res.send(JSON.stringify({ exportedAt: new Date().toISOString(), filter, total: matching.length, collaborations: matching }, null, 2));
  }

  @Get('api/collaborations/:id')
  @UseGuards(DashboardAuthGuard)
  async detail(@Param('id') id: string): Promise<CollaborationDetail> {
    const collaboration = (await this.repo.all()).find((c) => c.collaborationId === id);
    if (!collaboration) throw new NotFoundException({ error: { code: 'NOT_FOUND', message: 'no such collaboration among the stored flags' } });
    // The classified article first, then its syndicated copies: the first lead the evidence is found in wins.
    const ids = [...new Set([collaboration.articleId, ...collaboration.sources.map((s) => s.articleId)])];
    const leads = await this.store.getMany(ids.map(leadKey));
    let lead: CollaborationDetail['lead'] = null;
    for (const [i, text] of leads.entries()) {
      if (text === null) continue;
      const marked = { articleId: ids[i], ...highlightEvidence(text, collaboration.evidence) };
      if (marked.found) return { collaboration, lead: marked };
      lead ??= marked;
    }
    return { collaboration, lead };
  }

  /** What the charts draw, for the same filter as the list (paging ignored). */
  @Get('api/charts')
  @UseGuards(DashboardAuthGuard)
  async charts(@Query() raw: Record<string, unknown>): Promise<ChartData> {
    return chartData(applyQuery(await this.repo.all(), this.query(raw)).matching);
  }

  @Get('api/facets')
  @UseGuards(DashboardAuthGuard)
  async facets(): Promise<Facets> {
    return facets(await this.repo.all());
  }

  /** Server-sent events: `flags` when new flags are stored; the page then refetches what it shows. */
  @Get('api/events')
  @UseGuards(DashboardAuthGuard)
  events(@Req() _req: Request, @Res() res: Response): Promise<void> {
    return this.live.add(res);
  }

  private query(raw: Record<string, unknown>): CollaborationQuery {
    const parsed = parseCollaborationQuery(raw);
    if (!parsed.ok) throw invalidQuery(parsed.errors);
    return parsed.query;
  }
}

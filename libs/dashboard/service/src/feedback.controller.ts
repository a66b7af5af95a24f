import { Controller, Get, Header, Inject, Query, Res, UseGuards } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Response } from 'express';
import { CollaborationFlaggedV1, collaborationFlaggedV1Payload, ConsumerGroups, Topics } from '@pharma-radar/contracts';
import { KEY_VALUE_STORE, KeyValueStore } from '@pharma-radar/platform-cache';
import { EventOf, OnTopic } from '@pharma-radar/platform-messaging';
import {
  currentVerdicts, feedbackViews, flagSummary, labelledRecords, storedFeedback, summariseFlag, type FeedbackView, type FlagSummary, type StoredFeedback,
} from './feedback';
import { DashboardAuthGuard } from './auth';
import { RECENT_FLAGS_KEY, RECENT_FLAGS_MAX, safeJson } from './stored';

/** Feedback events, appended and capped: a verdict never rewrites what is stored, it is folded on read. */
const FEEDBACK_KEY = 'dashboard:feedback:v1';
const FEEDBACK_MAX = 5_000;
const FLAG_KEY_PREFIX = 'dashboard:flag:v1:';
/** As long as the feedback topic keeps verdicts (a year) and a little more. */
const FLAG_TTL_SECONDS = 400 * 86_400;

const flagKey = (collaborationId: string) => `${FLAG_KEY_PREFIX}${encodeURIComponent(collaborationId)}`;

/**
 * The flag a verdict is about, kept per collaboration (the recent list holds only the last 1,000 flags, and feedback
 * comes days later). The first revision consumed stays: it is the one the notifier alerted.
 */
export async function rememberFlag(store: KeyValueStore, flag: CollaborationFlaggedV1): Promise<void> {
  await store.setIfAbsent(flagKey(flag.collaborationId), JSON.stringify(summariseFlag(flag)), FLAG_TTL_SECONDS);
}

@Controller()
export class FeedbackController {
  constructor(@Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore) {}

  @OnTopic(Topics.feedbackRecorded, ConsumerGroups.dashboardFeedback)
  async onFeedback(@Payload() event: EventOf<typeof Topics.feedbackRecorded>): Promise<void> {
    const entry: StoredFeedback = { id: event.id, ...event.payload };
    await this.store.pushRecent(FEEDBACK_KEY, JSON.stringify(entry), FEEDBACK_MAX);
  }

  /** Each subscriber's current verdict per collaboration, newest first, with the flag it judged; one collaboration's with `collaborationId`. */
  @Get('api/feedback')
  @UseGuards(DashboardAuthGuard)
  async feedback(@Query('limit') limit?: string, @Query('collaborationId') collaborationId?: string): Promise<FeedbackView[]> {
    const n = Math.min(Math.max(Number.parseInt(limit ?? '100', 10) || 100, 1), 1_000);
    const all = await this.current();
    const current = (typeof collaborationId === 'string' ? all.filter((f) => f.collaborationId === collaborationId) : all).slice(0, n);
    return feedbackViews(current, await this.flags(current));
  }

  /** Labelled records in the eval schema: `npm run -s cli -- eval --jsonl feedback.jsonl`. */
  @Get('api/feedback.jsonl')
  @UseGuards(DashboardAuthGuard)
  @Header('Content-Type', 'application/x-ndjson; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="feedback.jsonl"')
  async feedbackJsonl(@Res({ passthrough: true }) res: Response): Promise<string> {
    const current = await this.current();
    const { records, withoutFlag } = labelledRecords(current, await this.flags(current));
    // Not a line of the file (every line must be a record); an operator sees what could not be labelled here.
    res.setHeader('X-Feedback-Without-Flag', String(withoutFlag.length));
    return records.map((r) => `${JSON.stringify(r)}\n`).join('');
  }

  private async current(): Promise<StoredFeedback[]> {
    const stored = (await this.store.recent(FEEDBACK_KEY, FEEDBACK_MAX)).map((raw) => safeJson(raw, storedFeedback)).filter((f): f is StoredFeedback => f !== null);
    return currentVerdicts(stored);
  }

  /** One MGET for the per-collaboration entries; the recent list only for flags consumed before those existed. */
  private async flags(feedback: readonly StoredFeedback[]): Promise<Map<string, FlagSummary>> {
    const ids = [...new Set(feedback.map((f) => f.collaborationId))];
    const out = new Map<string, FlagSummary>();
    if (ids.length === 0) return out;
    const values = await this.store.getMany(ids.map(flagKey));
    ids.forEach((id, i) => {
      const summary = values[i] === null ? null : safeJson(values[i] as string, flagSummary);
      if (summary) out.set(id, summary);
    });
    const missing = new Set(ids.filter((id) => !out.has(id)));
    if (missing.size === 0) return out;
    for (const raw of await this.store.recent(RECENT_FLAGS_KEY, RECENT_FLAGS_MAX)) {
      const flag = safeJson(raw, collaborationFlaggedV1Payload);
      if (!flag || !missing.has(flag.collaborationId)) continue;
      const known = out.get(flag.collaborationId);
      if (!known || flag.revision < known.revision) out.set(flag.collaborationId, summariseFlag(flag));
    }
    return out;
  }
}

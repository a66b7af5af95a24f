import { Classification, EventType, Topics } from '@pharma-radar/contracts';
import { classify, MODEL_VERSION } from '@pharma-radar/classifier-collaboration';
import type { MessageBus, ReplayRange } from '@pharma-radar/platform-messaging';

export interface BacktestChange {
  articleId: string;
  title: string;
  kind: 'new_flag' | 'dropped_flag' | 'event_type' | 'parties';
  before: { flagged: boolean; eventType: EventType; parties: string[]; modelVersion: string } | null;
  after: { flagged: boolean; eventType: EventType; parties: string[]; confidence: number };
}

export interface BacktestReport {
  modelVersion: string;
  articles: number;
  previouslyClassified: number;
  flaggedBefore: number;
  flaggedAfter: number;
  changes: BacktestChange[];
  invalidRecords: number;
}

const partyNames = (c: Classification) => c.parties.map((p) => p.name).sort();

/**
 * Re-runs the current model over the articles stored on the ingested topic in `range` and compares
 * with what was published on the classified topic. Read-only: it publishes nothing and alerts no one.
 */
export async function runBacktest(bus: MessageBus, range: ReplayRange, classifyFn: typeof classify = classify): Promise<BacktestReport> {
  const previous = new Map<string, Classification>();
  const classified = await bus.replay(Topics.articlesClassified, { from: range.from }, (e) => void previous.set(e.payload.articleId, e.payload.classification));

  const report: BacktestReport = { modelVersion: MODEL_VERSION, articles: 0, previouslyClassified: 0, flaggedBefore: 0, flaggedAfter: 0, changes: [], invalidRecords: classified.invalid };
  const seen = new Set<string>();
  const ingested = await bus.replay(Topics.articlesIngested, range, (e) => {
    const a = e.payload;
    if (seen.has(a.articleId)) return;
    seen.add(a.articleId);
    report.articles++;
    const after = classifyFn({ title: a.title, text: a.text, url: a.url ?? undefined, source: a.feedTitle ?? undefined, published: a.publishedAt ?? undefined });
    const before = previous.get(a.articleId) ?? null;
    if (before) report.previouslyClassified++;
    if (before?.is_rd_collaboration) report.flaggedBefore++;
    if (after.is_rd_collaboration) report.flaggedAfter++;
    const kind = changeKind(before, after);
    if (kind) {
      report.changes.push({
        articleId: a.articleId,
        title: a.title,
        kind,
        before: before && { flagged: before.is_rd_collaboration, eventType: before.event_type, parties: partyNames(before), modelVersion: before.model_version },
        after: { flagged: after.is_rd_collaboration, eventType: after.event_type, parties: partyNames(after), confidence: after.confidence },
      });
    }
  });
  report.invalidRecords += ingested.invalid;
  return report;
}

function changeKind(before: Classification | null, after: Classification): BacktestChange['kind'] | null {
  const wasFlagged = before?.is_rd_collaboration ?? false;
  if (!wasFlagged && after.is_rd_collaboration) return 'new_flag';
  if (wasFlagged && !after.is_rd_collaboration) return 'dropped_flag';
  if (!before || !after.is_rd_collaboration) return null;
  if (before.event_type !== after.event_type) return 'event_type';
  if (partyNames(before).join('|') !== partyNames(after).join('|')) return 'parties';
  return null;
}

export function formatBacktest(r: BacktestReport): string {
  const lines = [
    `backtest of model ${r.modelVersion}: ${r.articles} articles (${r.previouslyClassified} classified before), flags ${r.flaggedBefore} -> ${r.flaggedAfter}, ${r.changes.length} changes, ${r.invalidRecords} invalid records skipped`,
  ];
  for (const c of r.changes) {
    const before = c.before ? `${c.before.flagged ? c.before.eventType : 'no flag'} [${c.before.parties.join(', ')}] (${c.before.modelVersion})` : 'not classified before';
    lines.push(`  ${c.kind.padEnd(13)} ${c.articleId}  ${before} -> ${c.after.flagged ? c.after.eventType : 'no flag'} [${c.after.parties.join(', ')}] @${c.after.confidence.toFixed(2)}  ${c.title.slice(0, 100)}`);
  }
  return lines.join('\n') + '\n';
}

import { headlineAmount, type CollaborationView } from './collaboration';

/**
 * One CSV cell, safe to open in a spreadsheet: a cell starting with = + - @ (or a tab or carriage return, which
 * some spreadsheets skip before reading a formula) gets a leading apostrophe so it stays text (OWASP CSV
 * injection); quotes, commas and line breaks are quoted as RFC 4180 says.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = [
  'collaborationId', 'date', 'title', 'dealType', 'parties', 'partyTypes', 'roles', 'therapeuticAreas', 'geographies',
  'currency', 'upfront', 'milestones', 'total', 'headlineAmount', 'undisclosed', 'confidence', 'evidence', 'url', 'sources', 'modelVersion',
] as const;

/** Collaborations as CSV (header row, CRLF line ends), several values in one cell joined by "; ". */
export function collaborationsCsv(rows: readonly CollaborationView[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const c of rows) {
    const t = c.financialTerms;
    const cells: Array<string | number | boolean | null | undefined> = [
      c.collaborationId, c.publishedAt ?? c.ingestedAt, c.title, c.eventType,
      c.parties.map((p) => p.name).join('; '), c.parties.map((p) => p.type).join('; '), c.parties.map((p) => p.role ?? '').join('; '),
      c.therapeuticAreas.join('; '), c.geographies.join('; '),
      t?.currency, t?.upfront, t?.milestones, t?.total, headlineAmount(t), t ? t.undisclosed : null,
      c.confidence, c.evidence, c.url, c.sources.map((s) => s.url ?? s.articleId).join('; '), c.modelVersion,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

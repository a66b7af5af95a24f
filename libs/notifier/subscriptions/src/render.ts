import type { CollaborationFlaggedV1, EventType, FinancialTerms, Party, PartyType } from '@pharma-radar/contracts';
import { emailSubject, escapeHtml, safeHttpUrl, slackLinkTarget, slackText } from './escape';
import { cleanLine, truncate } from './text';

/**
 * What a provider is handed. `alert` is the medium-neutral model each channel's serializer renders
 * (beside its provider). The pre-rendered parts remain for messages without a model (digests, until
 * they move next to the providers too) and for callers built before the model existed.
 */
export interface AlertMessage {
  alert?: AlertModel;
  /** A digest's alerts as models, for channels that carry structure (the webhook); `total` counts those left out. */
  digest?: { period: string; alerts: AlertModel[]; total: number };
  subject: string;
  text: string;
  html: string;
  slack: { text: string; blocks: unknown[] };
}

/**
 * One alert, medium-neutral: every string from the feed is already one clean line (no control, bidi or
 * zero-width characters) and cut to a bounded length, but NOT escaped — each medium escapes its own way.
 */
export interface AlertModel {
  collaborationId: string;
  revision: number;
  headline: string;
  title: string;
  eventType: EventType;
  parties: Array<{ name: string; type: PartyType; role?: string }>;
  therapeuticAreas: string[];
  /** Human summary of the money terms ('upfront USD 50 million; …', 'undisclosed', 'not reported'). */
  money: string;
  financialTerms: FinancialTerms | null;
  /** 0..1 as the classifier gave it. */
  confidence: number;
  evidence: string;
  /** Plain-words reasons the classifier flagged it; empty for flags from before the learned model. */
  why: string[];
  /** Each source once, its link http(s) only or null, at most RENDER_LIMITS.sources. */
  sources: Array<{ url: string | null; source: string | null; publishedAt: string | null }>;
  publishedAt: string | null;
  ingestedAt: string;
}

export const RENDER_LIMITS = {
  title: 300,
  subject: 200,
  partyName: 80,
  evidence: 600,
  why: 300,
  moneyText: 300,
  sources: 5,
  sourceName: 100,
  /** Slack rejects a section text or fallback text above 3 000 characters. */
  slackText: 3_000,
} as const;

/** Everything shown in an alert, already cleaned to single lines and safe links. */
export interface AlertView {
  headline: string;
  title: string;
  eventType: string;
  parties: string;
  areas: string;
  money: string;
  confidence: string;
  evidence: string;
  /** The features that decided the flag, in plain words ("new joint work, in the opening"), or '' for older flags. */
  why: string;
  links: string[];
}

/** 'research_collaboration' → 'research collaboration': how a deal type reads in any medium. */
export function eventTypeLabel(eventType: EventType): string {
  return eventType.replace(/_/g, ' ');
}

/** The medium-neutral model of a flag: what every channel shows, cleaned and bounded, not yet escaped. */
export function alertModel(flag: CollaborationFlaggedV1): AlertModel {
  const c = flag.classification;
  const v = viewOf(flag);
  const seen = new Set<string>();
  const sources: AlertModel['sources'] = [];
  for (const s of [{ url: flag.url, source: flag.source, publishedAt: flag.publishedAt }, ...flag.sources]) {
    const url = safeHttpUrl(s.url);
    const source = s.source ? truncate(cleanLine(s.source), RENDER_LIMITS.sourceName) || null : null;
    // Copies without a link are told apart by their outlet only; the same link twice is one source.
    const key = url ?? `name:${source ?? ''}`;
    if (seen.has(key) || (url === null && source === null)) continue;
    seen.add(key);
    sources.push({ url, source, publishedAt: s.publishedAt });
  }
  return {
    collaborationId: flag.collaborationId,
    revision: flag.revision,
    headline: v.headline,
    title: v.title,
    eventType: c.event_type,
    parties: c.parties
      .map((p) => ({ name: truncate(cleanLine(p.name), RENDER_LIMITS.partyName), type: p.type, ...(p.role && cleanLine(p.role) ? { role: truncate(cleanLine(p.role), 30) } : {}) }))
      .filter((p) => p.name.length > 0),
    therapeuticAreas: c.therapeutic_areas.map((a) => truncate(cleanLine(a), 100)).filter(Boolean),
    money: v.money,
    financialTerms: c.financial_terms
      ? { ...c.financial_terms, text: truncate(cleanLine(c.financial_terms.text), RENDER_LIMITS.moneyText), ...(c.financial_terms.currency !== undefined ? { currency: truncate(cleanLine(c.financial_terms.currency), 8) } : {}) }
      : null,
    confidence: c.confidence,
    evidence: v.evidence,
    why: (c.why ?? []).map((w) => truncate(cleanLine(w.label || w.feature), 120)).filter(Boolean),
    sources: sources.slice(0, RENDER_LIMITS.sources),
    publishedAt: flag.publishedAt,
    ingestedAt: flag.ingestedAt,
  };
}

/**
 * @deprecated Renders every medium here, in the matching library. Providers now render `alert`
 * with their own serializers; kept so the current dispatcher compiles until delivery moves to jobs.
 */
export function renderAlert(flag: CollaborationFlaggedV1): AlertMessage {
  const v = viewOf(flag);
  const lines = [
    v.headline,
    v.title,
    '',
    `Type: ${v.eventType}`,
    `Parties: ${v.parties}`,
    `Therapeutic areas: ${v.areas}`,
    `Financial terms: ${v.money}`,
    `Confidence: ${v.confidence}`,
    ...(v.evidence ? ['', `Evidence: "${v.evidence}"`] : []),
    ...(v.why ? [`Why flagged: ${v.why}`] : []),
    '',
    v.links.length > 0 ? 'Sources:' : 'Sources: (no web link)',
    ...v.links.map((l) => `- ${l}`),
  ];
  return {
    alert: alertModel(flag),
    subject: emailSubject(v.headline, RENDER_LIMITS.subject),
    text: lines.join('\n'),
    html: htmlOf(v),
    slack: slackOf(v),
  };
}

export function viewOf(flag: CollaborationFlaggedV1): AlertView {
  const c = flag.classification;
  const eventType = cleanLine(c.event_type);
  const names = c.parties.map((p) => truncate(cleanLine(p.name), RENDER_LIMITS.partyName)).filter((n) => n.length > 0);
  const title = truncate(cleanLine(flag.title), RENDER_LIMITS.title);
  return {
    headline: `R&D collaboration: ${headlineParties(names, title)} (${eventType})`,
    title,
    eventType,
    parties: c.parties.length > 0 ? c.parties.map(partyLabel).join(', ') : 'not identified',
    areas: c.therapeutic_areas.map(cleanLine).filter(Boolean).join(', ') || 'not stated',
    money: formatTerms(c.financial_terms),
    confidence: `${Math.round(c.confidence * 100)}%`,
    evidence: truncate(cleanLine(c.evidence), RENDER_LIMITS.evidence),
    why: truncate((c.why ?? []).map((w) => cleanLine(w.label || w.feature)).filter(Boolean).join('; '), RENDER_LIMITS.why),
    links: linksOf(flag),
  };
}

function headlineParties(names: string[], title: string): string {
  if (names.length === 0) return truncate(title, 120) || 'untitled';
  if (names.length <= 2) return names.join(' + ');
  return `${names[0]} + ${names[1]} + ${names.length - 2} more`;
}

function partyLabel(p: Party): string {
  const role = p.role ? `, ${truncate(cleanLine(p.role), 30)}` : '';
  return `${truncate(cleanLine(p.name), RENDER_LIMITS.partyName)} (${p.type}${role})`;
}

function linksOf(flag: CollaborationFlaggedV1): string[] {
  const all = [flag.url, ...flag.sources.map((s) => s.url)].map(safeHttpUrl).filter((u): u is string => u !== null);
  return [...new Set(all)].slice(0, RENDER_LIMITS.sources);
}

export function formatTerms(terms: FinancialTerms | null): string {
  if (!terms) return 'not reported';
  const currency = truncate(cleanLine(terms.currency ?? ''), 8) || 'USD';
  const parts: string[] = [];
  if (terms.upfront !== undefined) parts.push(`upfront ${formatMoney(terms.upfront, currency)}`);
  if (terms.milestones !== undefined) parts.push(`milestones up to ${formatMoney(terms.milestones, currency)}`);
  if (terms.total !== undefined) parts.push(`total up to ${formatMoney(terms.total, currency)}`);
  if (terms.royalties) parts.push('plus royalties');
  if (parts.length > 0) return parts.join('; ');
  const text = truncate(cleanLine(terms.text), RENDER_LIMITS.moneyText);
  if (terms.undisclosed) return text ? `undisclosed (${text})` : 'undisclosed';
  return text || 'not reported';
}

/** 50_000_000 → 'USD 50 million'; 1_250_000_000 → 'USD 1.25 billion'; 250_000 → 'USD 250,000'. */
export function formatMoney(amount: number, currency: string): string {
  const scaled = (n: number, unit: string) => `${currency} ${Number(n.toFixed(2)).toString()} ${unit}`;
  if (amount >= 1e9) return scaled(amount / 1e9, 'billion');
  if (amount >= 1e6) return scaled(amount / 1e6, 'million');
  return `${currency} ${Math.round(amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

function htmlOf(v: AlertView): string {
  const row = (label: string, value: string) => `<tr><th align="left">${label}</th><td>${escapeHtml(value)}</td></tr>`;
  const links = v.links.map((l) => `<li><a href="${escapeHtml(l)}">${escapeHtml(l)}</a></li>`).join('');
  return [
    '<!doctype html><html><body>',
    `<h2>${escapeHtml(v.headline)}</h2>`,
    `<p>${escapeHtml(v.title)}</p>`,
    '<table>',
    row('Type', v.eventType),
    row('Parties', v.parties),
    row('Therapeutic areas', v.areas),
    row('Financial terms', v.money),
    row('Confidence', v.confidence),
    '</table>',
    v.evidence ? `<blockquote>${escapeHtml(v.evidence)}</blockquote>` : '',
    v.why ? `<p>Why flagged: ${escapeHtml(v.why)}</p>` : '',
    links ? `<p>Sources:</p><ul>${links}</ul>` : '<p>Sources: (no web link)</p>',
    '</body></html>',
  ].join('');
}

function slackOf(v: AlertView): { text: string; blocks: unknown[] } {
  const s = (value: string, max: number) => slackText(value, max);
  const links = slackLinks(v.links, RENDER_LIMITS.slackText - 100);
  const body = [
    `*${s(v.headline, 500)}*`,
    s(v.title, RENDER_LIMITS.title + 50),
    `*Parties:* ${s(v.parties, 600)}`,
    `*Therapeutic areas:* ${s(v.areas, 300)}`,
    `*Financial terms:* ${s(v.money, 400)}`,
    ...(v.evidence ? [`> ${s(v.evidence, RENDER_LIMITS.evidence + 50)}`] : []),
    ...(v.why ? [`_Why flagged:_ ${s(v.why, RENDER_LIMITS.why + 50)}`] : []),
  ].join('\n');
  const context = `Confidence ${v.confidence}${links ? ` · ${links}` : ''}`;
  return {
    text: s(`${v.headline} — ${v.title}`, RENDER_LIMITS.slackText),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: capSlack(body) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: capSlack(context) }] },
    ],
  };
}

// Whole links only: a link cut in half would leave an unclosed '<' that swallows the rest.
export function slackLinks(hrefs: string[], budget: number): string {
  let out = '';
  hrefs.forEach((href, i) => {
    const link = `${out ? ' · ' : ''}<${slackLinkTarget(href)}|source ${i + 1}>`;
    if (out.length + link.length <= budget) out += link;
  });
  return out;
}

// Budgets above keep each part well under the limit; this guard only matters if they drift.
function capSlack(value: string): string {
  return value.length <= RENDER_LIMITS.slackText ? value : `${value.slice(0, RENDER_LIMITS.slackText - 1)}…`;
}

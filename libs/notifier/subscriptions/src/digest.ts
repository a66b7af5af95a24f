import type { CollaborationFlaggedV1 } from '@pharma-radar/contracts';
import { emailSubject, escapeHtml, slackText } from './escape';
import { RENDER_LIMITS, alertModel, slackLinks, viewOf, type AlertMessage } from './render';

export const DIGEST_DEFAULTS = {
  /** Items listed in full; the rest are counted. Slack allows 50 blocks per message. */
  maxItems: 25,
} as const;

/**
 * Collapses flags to one per collaboration (the highest revision wins, as it carries the most
 * sources), strongest first. Pure: what to include is decided by the caller's store.
 */
export function digestItems(flags: readonly CollaborationFlaggedV1[]): CollaborationFlaggedV1[] {
  const latest = new Map<string, CollaborationFlaggedV1>();
  for (const f of flags) {
    const seen = latest.get(f.collaborationId);
    if (!seen || f.revision > seen.revision) latest.set(f.collaborationId, f);
  }
  return [...latest.values()].sort(
    (a, b) => b.classification.confidence - a.classification.confidence || b.ingestedAt.localeCompare(a.ingestedAt) || a.collaborationId.localeCompare(b.collaborationId),
  );
}

/** One message listing a period's flags; `period` names it in the subject ("hourly", "daily"). */
export function buildDigest(flags: readonly CollaborationFlaggedV1[], options: { maxItems?: number; period?: 'hourly' | 'daily' } = {}): AlertMessage {
  const items = digestItems(flags);
  const max = Math.max(1, options.maxItems ?? DIGEST_DEFAULTS.maxItems);
  const listed = items.slice(0, max);
  const shown = listed.map(viewOf);
  const more = items.length - shown.length;
  const count = items.length === 1 ? '1 new R&D collaboration' : `${items.length === 0 ? 'no' : items.length} new R&D collaborations`;
  const subject = emailSubject(`Pharma Radar ${options.period ?? 'daily'} digest: ${count}`, RENDER_LIMITS.subject);
  const moreLine = more > 0 ? `…and ${more} more` : '';

  const text = [
    subject,
    '',
    ...shown.flatMap((v, i) => [
      `${i + 1}. ${v.headline}`,
      `   ${v.title}`,
      `   Parties: ${v.parties} · Areas: ${v.areas} · Terms: ${v.money} · Confidence: ${v.confidence}`,
      ...(v.links[0] ? [`   ${v.links[0]}`] : []),
      '',
    ]),
    moreLine,
  ].join('\n').trimEnd();

  const html = [
    '<!doctype html><html><body>',
    `<h2>${escapeHtml(subject)}</h2><ol>`,
    ...shown.map((v) => {
      const link = v.links[0] ? ` <a href="${escapeHtml(v.links[0])}">source</a>` : '';
      return `<li><strong>${escapeHtml(v.headline)}</strong><br>${escapeHtml(v.title)}<br>` +
        `${escapeHtml(`Parties: ${v.parties} · Areas: ${v.areas} · Terms: ${v.money} · Confidence: ${v.confidence}`)}${link}</li>`;
    }),
    '</ol>',
    moreLine ? `<p>${escapeHtml(moreLine)}</p>` : '',
    '</body></html>',
  ].join('');

  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text: `*${slackText(subject, 300)}*` } }];
  for (const v of shown) {
    const links = slackLinks(v.links.slice(0, 1), 2_200);
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*${slackText(v.headline, 400)}*\n${slackText(v.title, 350)}\nConfidence ${v.confidence}${links ? ` · ${links}` : ''}` },
    });
  }
  if (moreLine) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: slackText(moreLine, 100) }] });

  return {
    // Models for channels that carry structure (the webhook); the rest send the rendered parts below.
    digest: { period: options.period ?? 'daily', alerts: listed.map(alertModel), total: items.length },
    subject,
    text,
    html,
    slack: { text: slackText(`${subject}: ${shown.map((v) => v.headline).join('; ')}`, RENDER_LIMITS.slackText), blocks },
  };
}

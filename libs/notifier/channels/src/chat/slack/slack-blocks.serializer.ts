import { eventTypeLabel, slackText, type AlertModel } from '@pharma-radar/notifier-subscriptions';

// Block Kit for one alert. Every feed-derived string goes through slackText (one line, &<> escaped,
// formatting storms defused, cut with an ellipsis without splitting an entity); links are written by
// us from URLs that passed safeHttpUrl. Budgets keep each text far below Slack's hard limits.

export const SLACK_LIMITS = {
  /** Slack refuses a section/context text above 3 000 characters and a message above 50 blocks. */
  sectionText: 3_000,
  blocks: 50,
  /** Slack's cap on a header block's plain text. */
  headerText: 150,
  /** Button label and URL caps. */
  buttonText: 75,
  buttonUrl: 3_000,
  contextElements: 10,
} as const;

export interface SlackCardLinks {
  relevant: string;
  not_relevant: string;
}

export interface SlackCard {
  /** Notification and screen-reader fallback. */
  text: string;
  blocks: SlackBlock[];
}

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string }; fields?: Array<{ type: 'mrkdwn'; text: string }> }
  | { type: 'context'; elements: Array<{ type: 'mrkdwn'; text: string }> }
  | { type: 'actions'; elements: Array<{ type: 'button'; text: { type: 'plain_text'; text: string }; url: string; action_id: string; style?: 'primary' | 'danger' }> }
  | { type: 'divider' };

export function slackCard(alert: AlertModel, links?: SlackCardLinks): SlackCard {
  const blocks: SlackBlock[] = [
    // Slack reads &, < and > as entities in plain_text too; escaped like mrkdwn, so no field is special.
    { type: 'header', text: { type: 'plain_text', text: slackText(alert.headline, SLACK_LIMITS.headerText) } },
    section(slackText(alert.title, 600)),
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*Parties*\n${partiesText(alert)}` },
      fields: [
        { type: 'mrkdwn', text: `*Deal type*\n${slackText(eventTypeLabel(alert.eventType), 100)}` },
        { type: 'mrkdwn', text: `*Confidence*\n${Math.round(alert.confidence * 100)}%` },
        { type: 'mrkdwn', text: `*Therapeutic areas*\n${slackText(alert.therapeuticAreas.join(', ') || 'not stated', 600)}` },
        { type: 'mrkdwn', text: `*Money*\n${slackText(alert.money, 600)}` },
      ],
    },
  ];
  if (alert.evidence) blocks.push(section(`*Evidence*\n>${slackText(alert.evidence, 1_500)}`));
  if (alert.why.length > 0) blocks.push(section(`*Why flagged*\n${slackText(alert.why.join('; '), 600)}`));
  const sources = sourcesText(alert, 2_500);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: sources || 'No web link for this announcement' }] });
  if (links) {
    blocks.push({
      type: 'actions',
      elements: [
        button('Relevant', links.relevant, 'feedback_relevant', 'primary'),
        button('Not relevant', links.not_relevant, 'feedback_not_relevant'),
      ],
    });
  }
  const card = { text: slackText(`${alert.headline} — ${alert.title}`, SLACK_LIMITS.sectionText), blocks: blocks.slice(0, SLACK_LIMITS.blocks) };
  return card;
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: capMrkdwn(text) } };
}

function partiesText(alert: AlertModel): string {
  if (alert.parties.length === 0) return 'not identified';
  // One line per party; stop before the section limit rather than cut a line (and an entity) in half.
  const lines: string[] = [];
  let used = 20;
  for (const [i, p] of alert.parties.entries()) {
    const line = `• ${slackText(p.name, 250)} — ${p.type}${p.role ? `, ${slackText(p.role, 60)}` : ''}`;
    const rest = alert.parties.length - i;
    if (used + line.length + 1 > SLACK_LIMITS.sectionText - 40) {
      lines.push(`…and ${rest} more`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  return lines.join('\n');
}

// Whole links only: a link cut in half would leave an unclosed '<' that swallows the rest.
function sourcesText(alert: AlertModel, budget: number): string {
  let out = '';
  alert.sources.forEach((s, i) => {
    const label = slackLabel(s.source ?? `source ${i + 1}`);
    const piece = s.url ? `<${slackLinkTarget(s.url)}|${label}>` : label;
    const next = `${out ? ' · ' : 'Sources: '}${piece}`;
    if (out.length + next.length <= budget) out += next;
  });
  return out;
}

/** Link text sits between '|' and '>': those two must not appear unescaped either. */
function slackLabel(value: string): string {
  return slackText(value, 80).replace(/\|/g, '¦');
}

/** A URL from safeHttpUrl as a Slack link target: no character can end the link early. */
function slackLinkTarget(href: string): string {
  return href.replace(/[&<>|]/g, (c) => ({ '&': '&amp;', '<': '%3C', '>': '%3E', '|': '%7C' })[c] ?? c);
}

function button(label: string, url: string, actionId: string, style?: 'primary'): Extract<SlackBlock, { type: 'actions' }>['elements'][number] {
  if (url.length > SLACK_LIMITS.buttonUrl) throw new RangeError('feedback URL longer than Slack accepts');
  return { type: 'button', text: { type: 'plain_text', text: label }, url, action_id: actionId, ...(style ? { style } : {}) };
}

// The budgets above keep every text well under the limit; this guard only matters if they drift.
function capMrkdwn(value: string): string {
  if (value.length <= SLACK_LIMITS.sectionText) return value;
  const cut = value.slice(0, SLACK_LIMITS.sectionText - 1).replace(/&[a-z]{0,3}$/, '');
  return `${cut}…`;
}

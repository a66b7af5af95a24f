import { cleanLine } from './text';

/** Escapes the five characters that matter in HTML text and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Slack's mrkdwn has exactly three control characters; escaping them makes `<!channel>`, `<@U123>`
 * and `<https://evil|label>` render as literal text instead of mentions or disguised links.
 */
export function escapeSlack(value: string): string {
  return value.replace(/[&<>]/g, (c) => SLACK_ENTITIES[c]);
}
const SLACK_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

// Runs of mrkdwn formatting characters are cut to three: a 3 000-`*` title stays a short, inert line.
const FORMATTING_RUN = /([*_~`])\1{3,}/g;

/**
 * Untrusted text for a Slack mrkdwn field: one line, formatting storms defused, escaped, and cut so
 * the escaped result is at most `max` characters — cutting never splits an entity or a surrogate pair.
 */
export function slackText(value: string, max: number): string {
  const plain = cleanLine(value).replace(FORMATTING_RUN, '$1$1$1');
  let out = '';
  for (const ch of plain) {
    const piece = escapeSlack(ch);
    if (out.length + piece.length > max - 1) return `${out}…`;
    out += piece;
  }
  return out;
}

/** An http(s) URL in canonical form, without credentials, or null: no javascript:, data:, file: links ever. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = cleanLine(value);
  if (trimmed.length === 0 || trimmed.length > 2_000 || trimmed.includes(' ')) return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

/** A URL (from safeHttpUrl) as the target of a Slack `<url|label>` link: no character can end the link early. */
export function slackLinkTarget(href: string): string {
  return href.replace(/[&<>|]/g, (c) => SLACK_LINK_TARGET[c]);
}
const SLACK_LINK_TARGET: Record<string, string> = { '&': '&amp;', '<': '%3C', '>': '%3E', '|': '%7C' };

/**
 * An email Subject value: one line with every line-breaking or invisible character removed
 * (CR, LF, U+0085, U+2028, U+2029, bidi and zero-width controls) and literal RFC 2047 encoded-word
 * openers broken up, so a title cannot carry a pre-encoded CRLF into a mail client's decoder.
 */
export function emailSubject(value: string, max: number): string {
  const line = cleanLine(value).replace(/=\?/g, '= ?');
  const points = Array.from(line);
  return points.length <= max ? line : `${points.slice(0, max - 1).join('')}…`;
}

import { emailSubject, escapeHtml, eventTypeLabel, RENDER_LIMITS, type AlertModel } from '@pharma-radar/notifier-subscriptions';

// The mail for one alert: a text part and an HTML part with the same content. Feed strings arrive as
// clean single lines (AlertModel); here every one of them is HTML-escaped, links included (they are
// http(s) only, and escaped again because a query string can hold '&' and '"').

export interface EmailLinks {
  feedback?: { relevant: string; not_relevant: string };
  /** The https unsubscribe page (GET shows a confirmation; only its POST unsubscribes). */
  unsubscribe?: string;
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export function emailContent(alert: AlertModel, links: EmailLinks = {}): EmailContent {
  const parties = alert.parties.length > 0 ? alert.parties.map((p) => `${p.name} (${p.type}${p.role ? `, ${p.role}` : ''})`) : ['not identified'];
  const rows: Array<[string, string]> = [
    ['Deal type', eventTypeLabel(alert.eventType)],
    ['Therapeutic areas', alert.therapeuticAreas.join(', ') || 'not stated'],
    ['Money', alert.money],
    ['Confidence', `${Math.round(alert.confidence * 100)}%`],
  ];
  const sources = alert.sources.map((s, i) => ({ label: s.source ?? `Source ${i + 1}`, url: s.url }));

  const text = [
    alert.headline,
    alert.title,
    '',
    'Parties:',
    ...parties.map((p) => `- ${p}`),
    ...rows.map(([k, v]) => `${k}: ${v}`),
    ...(alert.evidence ? ['', `Evidence: "${alert.evidence}"`] : []),
    ...(alert.why.length > 0 ? [`Why flagged: ${alert.why.join('; ')}`] : []),
    '',
    sources.length > 0 ? 'Sources:' : 'Sources: none',
    ...sources.map((s) => `- ${s.label}${s.url ? `: ${s.url}` : ''}`),
    ...(links.feedback ? ['', `Relevant: ${links.feedback.relevant}`, `Not relevant: ${links.feedback.not_relevant}`] : []),
    ...(links.unsubscribe ? ['', `Unsubscribe: ${links.unsubscribe}`] : []),
  ].join('\n');

  const a = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  const html = [
    '<!doctype html><html><head><meta charset="utf-8"></head><body>',
    `<h2>${escapeHtml(alert.headline)}</h2>`,
    `<p>${escapeHtml(alert.title)}</p>`,
    `<p><strong>Parties</strong></p><ul>${parties.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`,
    `<table>${rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`,
    alert.evidence ? `<blockquote>${escapeHtml(alert.evidence)}</blockquote>` : '',
    alert.why.length > 0 ? `<p>Why flagged: ${escapeHtml(alert.why.join('; '))}</p>` : '',
    sources.length > 0 ? `<p>Sources:</p><ul>${sources.map((s) => `<li>${s.url ? a(s.url, s.label) : escapeHtml(s.label)}</li>`).join('')}</ul>` : '<p>Sources: none</p>',
    links.feedback ? `<p>Was this relevant? ${a(links.feedback.relevant, 'Relevant')} · ${a(links.feedback.not_relevant, 'Not relevant')}</p>` : '',
    links.unsubscribe ? `<p style="font-size:small">${a(links.unsubscribe, 'Unsubscribe from these alerts')}</p>` : '',
    '</body></html>',
  ].join('');

  return { subject: emailSubject(alert.headline, RENDER_LIMITS.subject), text, html };
}

export interface ListUnsubscribe {
  /** https URL that accepts the RFC 8058 one-click POST. */
  https: string;
  /** Optional mailto fallback for clients without one-click support. */
  mailto?: string;
}

/**
 * RFC 2369 + RFC 8058 headers. Mail clients POST `List-Unsubscribe=One-Click` to the https URL; they
 * must find no CR/LF or '>' in either URI, which is checked here rather than trusted.
 */
export function listUnsubscribeHeaders(target: ListUnsubscribe): Record<string, string> {
  const uris = [...(target.mailto ? [target.mailto] : []), target.https];
  for (const uri of uris) {
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    if (/[\u0000-\u0020<>\u007f]/.test(uri)) throw new RangeError('unsubscribe URI contains a character that would break the header');
  }
  if (!target.https.startsWith('https://')) throw new RangeError('one-click unsubscribe needs an https URI (RFC 8058)');
  if (target.mailto && !target.mailto.startsWith('mailto:')) throw new RangeError('mailto unsubscribe URI must use mailto:');
  return {
    'List-Unsubscribe': uris.map((u) => `<${u}>`).join(', '),
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

// One collaboration: evidence in its lead, parties, money, why it was flagged, sources and subscribers' verdicts.
import { api, announce, fmtAmount, fmtDate, fmtDateTime, fmtMoney, h, label, onLiveFlags, replace, showError, table, wireSignOut } from './common.js';

const id = decodeURIComponent(location.pathname.split('/').pop() || '');

function lead(detail) {
  const c = detail.collaboration;
  if (!detail.lead) {
    return [h('p', { class: 'muted' }, 'The article text is not stored here (it was ingested before this dashboard kept leads, or has expired). The evidence sentence:'), h('blockquote', { class: 'evidence' }, h('mark', null, c.evidence))];
  }
  const body = h('blockquote', { class: 'lead', cite: c.url || null }, detail.lead.segments.map((seg) => (seg.evidence ? h('mark', null, seg.text) : seg.text)));
  return detail.lead.found ? [body] : [body, h('p', { class: 'muted' }, 'The evidence sentence comes from further down the article:'), h('blockquote', { class: 'evidence' }, h('mark', null, c.evidence))];
}

function money(t) {
  if (!t) return h('p', null, 'No money terms were found in the text.');
  const rows = [];
  if (t.upfront !== undefined) rows.push(['Upfront', fmtAmount(t.upfront, t.currency)]);
  if (t.milestones !== undefined) rows.push(['Milestones', fmtAmount(t.milestones, t.currency)]);
  if (t.total !== undefined) rows.push(['Total', fmtAmount(t.total, t.currency)]);
  if (t.royalties !== undefined) rows.push(['Royalties', t.royalties ? 'yes' : 'no']);
  rows.push(['Disclosed', t.undisclosed ? 'no' : 'yes']);
  return [h('dl', { class: 'terms' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)])), t.text ? h('p', { class: 'muted' }, `“${t.text}”`) : null];
}

function why(c) {
  if (!c.why.length) return h('p', null, `Flagged by the rules with confidence ${c.confidence.toFixed(2)} (model ${c.modelVersion}); no learned features recorded.`);
  return [
    h('p', null, `Confidence ${c.confidence.toFixed(2)}, model ${c.modelVersion}. The features that decided it (log-odds; positive pushes towards a collaboration):`),
    table('Why it was flagged', ['Feature', 'Weight'], c.why.map((w) => [w.label || w.feature, (w.weight > 0 ? '+' : '') + w.weight.toFixed(2)]), { rowHeader: true, captionHidden: true }),
  ];
}

function sources(c) {
  return table('Sources', ['Source', 'Published', 'Link'], c.sources.map((x) => [
    x.source || '—', fmtDate(x.publishedAt), x.url ? h('a', { href: x.url, rel: 'noopener noreferrer', target: '_blank' }, x.url) : '—',
  ]), { rowHeader: true, captionHidden: true });
}

function feedback(list) {
  const relevant = list.filter((f) => f.verdict === 'relevant').length;
  const notRelevant = list.length - relevant;
  if (!list.length) return h('p', null, 'No subscriber has judged this alert yet (the relevant / not relevant links in alerts record verdicts here).');
  return [
    h('p', null, `${relevant} relevant, ${notRelevant} not relevant.`),
    table('Verdicts', ['Subscriber', 'Verdict', 'When'], list.map((f) => [f.subscriberId, label(f.verdict), fmtDateTime(f.recordedAt)]), { rowHeader: true, captionHidden: true }),
  ];
}

function section(title, ...content) {
  const hid = `h-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return h('section', { 'aria-labelledby': hid }, h('h2', { id: hid }, title), content);
}

async function load(reason) {
  try {
    const [{ body: detail }, { body: verdicts }] = await Promise.all([
      api(`/api/collaborations/${encodeURIComponent(id)}`),
      api(`/api/feedback?collaborationId=${encodeURIComponent(id)}`),
    ]);
    const c = detail.collaboration;
    document.title = `Pharma Radar — ${c.title}`;
    const article = replace('collaboration',
      h('h1', null, c.title),
      h('p', { class: 'meta' }, `${label(c.eventType)} · ${fmtDate(c.publishedAt || c.ingestedAt)} · confidence ${c.confidence.toFixed(2)} · ${fmtMoney(c.financialTerms)}`,
        c.url ? [' · ', h('a', { href: c.url, rel: 'noopener noreferrer', target: '_blank' }, 'read the article')] : null),
      section('Evidence in the lead', lead(detail)),
      section('Parties', table('Parties', ['Party', 'Type', 'Role'], c.parties.map((p) => [p.name, label(p.type), p.role || '—']), { rowHeader: true, captionHidden: true })),
      section('Money terms', money(c.financialTerms)),
      section('Scope', h('dl', { class: 'terms' },
        h('dt', null, 'Therapeutic areas'), h('dd', null, c.therapeuticAreas.map(label).join(', ') || '—'),
        h('dt', null, 'Modalities'), h('dd', null, c.modalities.map(label).join(', ') || '—'),
        h('dt', null, 'Geographies'), h('dd', null, c.geographies.join(', ') || '—'))),
      section('Why it was flagged', why(c)),
      section(`Sources (${c.sources.length})`, sources(c)),
      section('Subscribers\u2019 feedback', feedback(verdicts)));
    article.setAttribute('aria-busy', 'false');
    showError(null);
    if (reason) announce(`Updated: ${reason}`);
  } catch (err) {
    if (err.status !== 401) showError(err);
  }
}

wireSignOut();
void load();
onLiveFlags((reason) => void load(reason));

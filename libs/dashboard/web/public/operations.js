// The operator's view: one JSON read of /api/operations, drawn into tables. Where a figure does not exist in this
// deployment the server says why, and the page shows that instead of a number.
import { api, announce, fmtDateTime, h, label, replace, showError, table, wireSignOut } from './common.js';

const NA = 'not available';
const rate = (n) => (n === null || n === undefined ? NA : `${n.toFixed(n < 10 ? 2 : 0)}/s`);
const code = (text) => h('code', null, text);

function consumers(v) {
  const activity = h('p', null, `This dashboard consumed per minute (last 5 min): ${v.activity.perMinute.ingested.toFixed(1)} articles ingested, ${v.activity.perMinute.classified.toFixed(1)} classified, ${v.activity.perMinute.flags.toFixed(1)} flags.`);
  if (!v.consumers.available) return [h('p', { class: 'na' }, `Lag and throughput per group: ${v.consumers.note}.`), activity];
  return [
    table('Consumer groups', ['Group', 'Topic', 'Lag (records)', 'Throughput'], v.consumers.groups.map((g) => [g.group, g.topic, String(g.lag), g.perSecond === null ? 'next refresh' : rate(g.perSecond)]), { rowHeader: true, captionHidden: true }),
    activity,
  ];
}

function feeds(list) {
  if (!list.length) return h('p', { class: 'na' }, 'No feed health yet: ingest writes it after its first poll.');
  return table('Feed health', ['Feed', 'Status', 'Last success', 'Next poll', 'Backoff', 'Error', 'Warnings'], list.map((f) => [
    f.feedId,
    h('span', { class: `pill ${f.status}` }, f.status),
    fmtDateTime(f.lastOkAt),
    f.nextPollAt ? fmtDateTime(f.nextPollAt) : NA,
    f.consecutiveFailures ? `${f.consecutiveFailures} failure${f.consecutiveFailures === 1 ? '' : 's'} in a row` : 'none',
    f.errorCode ? `${f.errorCode}: ${f.errorMessage || ''}` : '—',
    (f.warnings || []).map((w) => `${w.code} ×${w.count}`).join(', ') || '—',
  ]), { rowHeader: true, captionHidden: true });
}

function deliveryDeadLetters(d) {
  if (!d.deadLetters.available) return h('p', { class: 'na' }, `Dead deliveries: ${d.deadLetters.note}.`);
  if (!d.deadLetters.groups.length) return h('p', null, 'No delivery was given up.');
  return table('Deliveries given up, by reason', ['Channel', 'Reason', 'Count', 'Last', 'Last message'], d.deadLetters.groups.map((g) => [g.channel, g.reason, String(g.count), fmtDateTime(g.lastAt), g.lastMessage]), { rowHeader: true });
}

function deliveries(d) {
  if (!d.available) return [h('p', { class: 'na' }, `Delivery status: ${d.note}.`), deliveryDeadLetters(d), h('p', null, 'Re-drive dead deliveries with ', code(d.replayCommand), ' (drop --dry-run to send).')];
  if (!d.channels.length) return [h('p', null, 'No deliveries recorded yet.'), d.note ? h('p', { class: 'muted' }, `${d.note}.`) : null, deliveryDeadLetters(d)];
  const n = (v) => (v === null || v === undefined ? NA : String(v));
  const disabled = d.channels.flatMap((c) => c.disabled.map((x) => [c.channel, x.subscriberId, x.code, x.reason, fmtDateTime(x.at)]));
  return [
    table('Deliveries per channel', ['Channel', 'Sent', 'Pending', 'Retrying', 'Failed', 'Disabled', 'Last failure'], d.channels.map((c) => [
      c.channel, n(c.counts.sent), n(c.counts.pending), n(c.counts.retrying), n(c.counts.failed), n(c.counts.disabled),
      c.lastFailure ? `${c.lastFailure.code}: ${c.lastFailure.reason || ''} (${fmtDateTime(c.lastFailure.at)})` : '—',
    ]), { rowHeader: true, captionHidden: true }),
    d.note ? h('p', { class: 'muted' }, `${d.note}.`) : null,
    disabled.length ? table('Disabled channels', ['Channel', 'Subscriber', 'Code', 'Reason', 'Since'], disabled, { rowHeader: true }) : null,
    deliveryDeadLetters(d),
    h('p', null, 'Failed deliveries are re-driven with ', code(d.replayCommand), ' (drop --dry-run to send).'),
  ];
}

function deadLetters(d) {
  if (!d.available) return h('p', { class: 'na' }, `Dead letters: ${d.note}.`);
  if (!d.groups.length) return h('p', null, 'No dead letters.');
  return [
    h('p', null, `${d.total} dead letter${d.total === 1 ? '' : 's'} in the topic's retention. Replay a group with its command (a dry run first; drop --dry-run to re-drive):`),
    table('Dead letters by reason', ['Reason', 'Topic', 'Group', 'Count', 'Replayable', 'Last', 'Last message', 'Replay'], d.groups.map((g) => [
      g.reason, g.originalTopic, g.consumerGroup, String(g.count), String(g.replayable), fmtDateTime(g.lastAt), g.lastMessage, code(g.replayCommand),
    ]), { rowHeader: true, captionHidden: true }),
  ];
}

function model(m) {
  const seen = m.versionsSeen.length ? m.versionsSeen.map((x) => `${x.version} (${x.flags} flag events)`).join(', ') : 'no flags yet';
  const out = [h('p', null, `Model versions on stored flags: ${seen}.`)];
  if (!m.card) {
    out.push(h('p', { class: 'na' }, `Evaluation figures: ${m.note}.`));
    return out;
  }
  out.push(h('p', null, `Running model ${m.card.version}${m.card.folds ? `; figures from ${m.card.folds}-fold cross-validation` : ''}:`));
  const names = [...new Set(m.card.evaluations.flatMap((e) => Object.keys(e.figures)))];
  out.push(table('Model evaluation', ['Set', ...names.map(label)], m.card.evaluations.map((e) => [e.name, ...names.map((n) => (e.figures[n] === undefined ? '—' : e.figures[n].toFixed(3)))]), { rowHeader: true, captionHidden: true }));
  return out;
}

async function load() {
  try {
    const { body: v } = await api('/api/operations');
    replace('consumers', consumers(v));
    replace('feeds', feeds(v.feeds));
    replace('deliveries', deliveries(v.deliveries));
    replace('dead-letters', deadLetters(v.deadLetters));
    replace('model', model(v.model));
    announce(`State at ${fmtDateTime(v.generatedAt)} (${v.bus === 'kafka' ? 'Kafka' : 'embedded bus'}).`);
    showError(null);
  } catch (err) {
    if (err.status !== 401) showError(err);
  }
}

wireSignOut();
void load();
setInterval(() => void load(), 15_000);

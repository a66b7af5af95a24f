// Charts drawn from data as SVG elements (no chart library, nothing from another site). Each chart has a title and
// a description for screen readers, and every bar a <title> with its exact count.
import { h, s, label } from './common.js';

const SERIES_CLASSES = 8;

function legend(keys) {
  return h('ul', { class: 'legend' }, keys.map((k, i) => h('li', null, h('span', { class: `swatch s${i % SERIES_CLASSES}`, 'aria-hidden': 'true' }), label(k))));
}

function empty(title) {
  return h('figure', { class: 'chart' }, h('figcaption', null, title), h('p', { class: 'muted' }, 'No collaborations match.'));
}

/** Stacked bars per month: series = [{ key, counts[] }] aligned with months. */
export function monthlyChart(title, data) {
  if (!data.months.length) return empty(title);
  const width = 520;
  const height = 200;
  const pad = { left: 32, right: 8, top: 8, bottom: 36 };
  const totals = data.months.map((_, i) => data.series.reduce((a, x) => a + x.counts[i], 0));
  // Whole-number ticks at 1, 2 or 5 times a power of ten, at most five of them; the axis ends on the last one.
  const raw = Math.max(1, ...totals) / 4;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((v) => v >= raw) ?? power * 10);
  const max = Math.ceil(Math.max(1, ...totals) / step) * step;
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const band = plotW / data.months.length;
  const barW = Math.max(2, Math.min(40, band * 0.7));
  const y = (v) => pad.top + plotH - (v / max) * plotH;
  const id = `c${Math.random().toString(36).slice(2, 8)}`;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${id}-t ${id}-d`, class: 'chart-svg' },
    s('title', { id: `${id}-t` }, title),
    s('desc', { id: `${id}-d` }, data.series.map((x) => `${label(x.key)}: ${x.total}`).join('; ')),
  );
  for (let v = 0; v <= max; v += step) {
    svg.append(s('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(s('text', { x: pad.left - 4, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, String(v)));
  }
  const every = Math.ceil(data.months.length / 8);
  data.months.forEach((m, i) => {
    const x = pad.left + i * band + (band - barW) / 2;
    let base = 0;
    data.series.forEach((series, k) => {
      const n = series.counts[i];
      if (!n) return;
      svg.append(s('rect', { x, y: y(base + n), width: barW, height: y(base) - y(base + n), class: `s${k % SERIES_CLASSES}` }, s('title', null, `${m} · ${label(series.key)}: ${n}`)));
      base += n;
    });
    if (i % every === 0) svg.append(s('text', { x: x + barW / 2, y: height - pad.bottom + 16, class: 'axis', 'text-anchor': 'middle' }, m));
  });
  return h('figure', { class: 'chart' }, h('figcaption', null, title), svg, legend(data.series.map((x) => x.key)));
}

/** Horizontal bars: ranked = [{ key, count }]. */
export function rankedChart(title, ranked) {
  if (!ranked.length) return empty(title);
  const width = 520;
  const row = 22;
  const labelW = 210;
  const height = ranked.length * row + 8;
  const max = Math.max(1, ...ranked.map((r) => r.count));
  const id = `c${Math.random().toString(36).slice(2, 8)}`;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${id}-t ${id}-d`, class: 'chart-svg' },
    s('title', { id: `${id}-t` }, title),
    s('desc', { id: `${id}-d` }, ranked.map((r) => `${label(r.key)}: ${r.count}`).join('; ')),
  );
  ranked.forEach((r, i) => {
    const y = 4 + i * row;
    const w = ((width - labelW - 40) * r.count) / max;
    const name = label(r.key);
    svg.append(s('text', { x: labelW - 6, y: y + 15, class: 'axis', 'text-anchor': 'end' }, name.length > 30 ? `${name.slice(0, 29)}…` : name));
    svg.append(s('rect', { x: labelW, y: y + 3, width: Math.max(1, w), height: row - 8, class: 's0' }, s('title', null, `${name}: ${r.count}`)));
    svg.append(s('text', { x: labelW + w + 4, y: y + 15, class: 'axis' }, String(r.count)));
  });
  return h('figure', { class: 'chart' }, h('figcaption', null, title), svg);
}

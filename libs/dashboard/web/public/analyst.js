// The analyst's list: the filter form is the state (mirrored in the address bar), the server filters.
import { api, announce, fmtDate, fmtMoney, h, label, onLiveFlags, replace, showError, wireSignOut } from './common.js';
import { monthlyChart, rankedChart } from './charts.js';

const PAGE = 50;
const form = document.getElementById('filter');
let offset = 0;

function filterParams() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string' && value.trim() !== '') params.append(name, value.trim());
  }
  return params;
}

function fillForm(params) {
  for (const el of form.elements) {
    if (!el.name) continue;
    const v = params.get(el.name);
    if (v !== null) {
      if (el.tagName === 'SELECT' && ![...el.options].some((o) => o.value === v)) el.append(h('option', { value: v }, label(v)));
      el.value = v;
    }
  }
  offset = Number(params.get('offset')) || 0;
}

async function loadFacets() {
  const { body } = await api('/api/facets');
  const fill = (id, values) => {
    const select = document.getElementById(id);
    const current = select.value;
    select.replaceChildren(h('option', { value: '' }, 'any'), ...values.map((f) => h('option', { value: f.value }, `${label(f.value)} (${f.count})`)));
    if (current && !values.some((f) => f.value === current)) select.append(h('option', { value: current }, label(current)));
    select.value = current;
  };
  fill('f-partyType', body.partyTypes);
  fill('f-dealType', body.dealTypes);
  fill('f-area', body.areas);
  fill('f-geography', body.geographies);
}

function row(c) {
  const parties = c.parties.map((p, i) => [i ? ', ' : '', p.name, h('span', { class: 'muted' }, ` (${label(p.type)}${p.role ? `, ${p.role}` : ''})`)]);
  return h('tr', null,
    h('td', { class: 'nowrap' }, fmtDate(c.publishedAt || c.ingestedAt)),
    h('th', { scope: 'row' }, h('a', { href: `/collaborations/${encodeURIComponent(c.collaborationId)}` }, c.title)),
    h('td', null, parties),
    h('td', null, label(c.eventType)),
    h('td', null, c.therapeuticAreas.map(label).join(', ') || '—'),
    h('td', null, c.geographies.join(', ') || '—'),
    h('td', null, fmtMoney(c.financialTerms)),
    h('td', { class: 'num' }, c.confidence.toFixed(2)));
}

async function loadList() {
  const params = filterParams();
  const exportQuery = params.toString();
  document.getElementById('export-csv').setAttribute('href', `/api/collaborations.csv${exportQuery ? `?${exportQuery}` : ''}`);
  document.getElementById('export-json').setAttribute('href', `/api/collaborations.json${exportQuery ? `?${exportQuery}` : ''}`);
  const shown = new URLSearchParams(params);
  if (offset) shown.set('offset', String(offset));
  history.replaceState(null, '', shown.toString() ? `/?${shown}` : '/');
  params.set('limit', String(PAGE));
  params.set('offset', String(offset));
  const [{ body: items, headers }, { body: charts }] = await Promise.all([api(`/api/collaborations?${params}`), api(`/api/charts?${exportQuery}`)]);
  const total = Number(headers.get('X-Total-Count') || items.length);
  replace('count', `${total} collaboration${total === 1 ? '' : 's'} match${total === 1 ? 'es' : ''}`);
  replace('results', items.length
    ? h('table', { id: 'collaborations' },
        h('caption', { class: 'visually-hidden' }, 'Collaborations, newest first'),
        h('thead', null, h('tr', null, ['Date', 'Title', 'Parties', 'Deal type', 'Areas', 'Geography', 'Money', 'Confidence'].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', null, items.map(row)))
    : h('p', { class: 'empty' }, 'No collaborations match this filter.'));
  replace('page', total ? `${offset + 1}–${offset + items.length} of ${total}` : '');
  document.getElementById('prev').disabled = offset === 0;
  document.getElementById('next').disabled = offset + items.length >= total;
  replace('charts',
    monthlyChart('Collaborations per month by deal type', charts.byDealType),
    monthlyChart('Collaborations per month by therapeutic area', charts.byArea),
    rankedChart('Most active partners', charts.topPartners),
    rankedChart('Partner types', charts.partnerTypes));
  showError(null);
}

async function refresh(reason) {
  try {
    await Promise.all([loadFacets(), loadList()]);
    if (reason) announce(`Updated: ${reason}, ${new Date().toLocaleTimeString()}`);
  } catch (err) {
    if (err.status !== 401) showError(err);
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  offset = 0;
  void refresh();
});
form.addEventListener('reset', () => {
  offset = 0;
  setTimeout(() => void refresh(), 0);
});
for (const el of form.querySelectorAll('select')) el.addEventListener('change', () => form.requestSubmit());
document.getElementById('prev').addEventListener('click', () => {
  offset = Math.max(0, offset - PAGE);
  void refresh();
});
document.getElementById('next').addEventListener('click', () => {
  offset += PAGE;
  void refresh();
});

wireSignOut();
fillForm(new URLSearchParams(location.search));
void refresh();
onLiveFlags((reason) => void refresh(reason));

// Shared by every page. Escaping by construction: elements are built with DOM calls and every piece of data
// becomes a text node or a checked attribute; nothing here ever assigns HTML.

const FORBIDDEN_ATTRIBUTE = /^(on|style$|srcdoc$|formaction$)/i;

function setAttributes(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (FORBIDDEN_ATTRIBUTE.test(name)) throw new Error(`attribute ${name} is not allowed`);
    if ((name === 'href' || name === 'src' || name === 'action') && !isSafeUrl(String(value))) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element: h('a', { href }, 'text', otherNode). Strings are always text. */
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  return append(node, children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** An SVG element, same rules. */
export function s(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attrs);
  return append(node, children);
}

/** Our own paths, or http(s) links; never javascript:, data: or anything else a feed could put in a URL. */
export function isSafeUrl(url) {
  if (url.startsWith('/') && !url.startsWith('//')) return true;
  if (url.startsWith('#') || url.startsWith('?')) return true;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

export function replace(id, ...children) {
  const node = document.getElementById(id);
  node.replaceChildren();
  append(node, children);
  return node;
}

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error && body.error.message) || `request failed (${status})`);
    this.status = status;
    this.body = body;
  }
}

/** GET a JSON API; a 401 sends the browser to the login page and back. */
export async function api(path) {
  const res = await fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (res.status === 401) {
    location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
    throw new ApiError(401, null);
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body);
  return { body, headers: res.headers };
}

export function fmtDate(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().slice(0, 10);
}

export function fmtDateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function fmtAmount(n, currency) {
  if (n === undefined || n === null) return null;
  const unit = n >= 1e9 ? [1e9, ' bn'] : n >= 1e6 ? [1e6, ' m'] : [1, ''];
  const v = n / unit[0];
  return `${currency ? `${currency} ` : ''}${v.toLocaleString('en', { maximumFractionDigits: 1 })}${unit[1]}`;
}

/** The money terms in one short line: total, else upfront + milestones, else "undisclosed". */
export function fmtMoney(t) {
  if (!t) return 'not stated';
  if (t.total !== undefined) return fmtAmount(t.total, t.currency);
  const parts = [];
  if (t.upfront !== undefined) parts.push(`${fmtAmount(t.upfront, t.currency)} upfront`);
  if (t.milestones !== undefined) parts.push(`${fmtAmount(t.milestones, t.currency)} milestones`);
  if (parts.length) return parts.join(' + ');
  return t.undisclosed ? 'undisclosed' : 'not stated';
}

export const label = (code) => String(code).replace(/_/g, ' ').replace(/\brd\b/g, 'R&D');

/** A status line for screen readers and everyone else. */
export function announce(text) {
  const live = document.getElementById('status');
  if (live) live.textContent = text;
}

export function showError(err) {
  const box = document.getElementById('error');
  if (!box) return;
  box.hidden = !err;
  box.textContent = err ? err.message : '';
}

export function table(caption, headers, rows, opts = {}) {
  return h('table', { class: opts.class },
    h('caption', { class: opts.captionHidden ? 'visually-hidden' : null }, caption),
    h('thead', null, h('tr', null, headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, rows.map((cells) => h('tr', null, cells.map((c, i) => (i === 0 && opts.rowHeader ? h('th', { scope: 'row' }, c) : h('td', null, c)))))));
}

/** Live updates: `flags` from the server; the page refetches what it shows, never reloads. */
export function onLiveFlags(refresh) {
  if (!('EventSource' in window)) return;
  const source = new EventSource('/api/events');
  // On every open (the first too): what was stored before the stream started is caught up here, what comes after
  // is announced (the server reads its starting point before it opens the stream).
  source.addEventListener('open', () => refresh(null));
  source.addEventListener('flags', () => refresh('new flags'));
  window.addEventListener('pagehide', () => source.close());
}

export async function signOut() {
  await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin' });
  location.assign('/login');
}

export function wireSignOut() {
  const b = document.getElementById('sign-out');
  if (b) b.addEventListener('click', () => void signOut());
}

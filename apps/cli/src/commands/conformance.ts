import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { htmlToLine, htmlToText } from '@pharma-radar/ingest-feeds';
import { type ParseRequest, type Parsed, parseCorpusFile } from './conformance-parse';

/**
 * `conformance <corpus dir>`: every file of every corpus folder through parseFeed, each in a worker thread with a
 * deadline, then the expectations the corpus README calls mechanically checkable, projected onto our normalised model.
 * One JSON line per folder and a total; with --details, one line per unmet expectation first.
 */

export const DEFAULT_DEADLINE_MS = 10_000;
const WORKER_SCRIPT = join(__dirname, 'conformance-worker.js');
const FEED_FILE = /\.(xml|rss|atom|rdf|json|html?)$/i;

type Actual = Extract<Parsed, { ok: true }>;
type Item = Actual['items'][number];

/** One expectation: a name for reports, the expected value, and how to read ours from a parse. */
interface Check {
  what: string;
  expected: unknown;
  actual(r: Parsed): unknown;
  /** Defaults to equality after JSON serialisation. */
  pass?(actual: unknown, expected: unknown): boolean;
}

interface Case {
  req: ParseRequest;
  checks: Check[];
}

export interface FolderReport {
  folder: string;
  files: number;
  crashes: number;
  hangs: number;
  checks: number;
  met: number;
  share: number | null;
}

export interface Failure {
  folder: string;
  file: string;
  what: string;
  expected: unknown;
  actual: unknown;
}

// ---- running a parse with a deadline ----

export type Outcome = { kind: 'done'; parsed: Parsed } | { kind: 'crash'; message: string } | { kind: 'hang' };

export interface Runner {
  run(req: ParseRequest): Promise<Outcome>;
  close(): Promise<void>;
}

/**
 * One worker thread; a parse that outlives the deadline is a hang: the worker is terminated (the only way to stop
 * synchronous code) and replaced.
 */
export class WorkerRunner implements Runner {
  private worker: Worker | null = null;
  private nextId = 0;

  constructor(private readonly script: string, private readonly deadlineMs: number, private readonly execArgv: string[] = []) {}

  run(req: ParseRequest): Promise<Outcome> {
    const worker = (this.worker ??= new Worker(this.script, { execArgv: this.execArgv }));
    const id = this.nextId++;
    return new Promise<Outcome>((resolve) => {
      const finish = (o: Outcome, discard: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (discard) {
          this.worker = null;
          void worker.terminate();
        }
        resolve(o);
      };
      const onMessage = (m: { id: number; ok: boolean; output?: Parsed; message?: string }) => {
        if (m.id !== id) return;
        finish(m.ok ? { kind: 'done', parsed: m.output as Parsed } : { kind: 'crash', message: m.message ?? 'unknown' }, false);
      };
      const onError = (e: Error) => finish({ kind: 'crash', message: e.message }, true);
      const onExit = (code: number) => finish({ kind: 'crash', message: `worker exited with code ${code}` }, true);
      const timer = setTimeout(() => finish({ kind: 'hang' }, true), this.deadlineMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, input: req });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}

/** Running from TypeScript sources (tests) there is no compiled worker: parse in this thread; only async hangs are caught. */
export class InProcessRunner implements Runner {
  constructor(private readonly deadlineMs: number) {}

  async run(req: ParseRequest): Promise<Outcome> {
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<Outcome>((resolve) => (timer = setTimeout(() => resolve({ kind: 'hang' }), this.deadlineMs)));
    const parse = parseCorpusFile(req).then(
      (parsed): Outcome => ({ kind: 'done', parsed }),
      (e: unknown): Outcome => ({ kind: 'crash', message: e instanceof Error ? e.message : String(e) }),
    );
    try {
      return await Promise.race([parse, hang]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {}
}

// ---- comparing ----

const squash = (s: unknown) => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : s);
const asLine = (s: unknown) => (typeof s === 'string' ? htmlToLine(s) : s);
const asText = (s: unknown) => (typeof s === 'string' ? squash(htmlToText(s)) : s);
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sameInstant = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b);
/** Links compare as URLs: "http://Example.com" and "http://example.com/" are one address. */
const sameUrl = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && (a === b || urlForm(a) === urlForm(b));
function urlForm(u: string): string | null {
  try {
    return new URL(u).href;
  } catch {
    return null;
  }
}
/** An expected value holding U+FFFD is the upstream parser's own mis-decoding: there is nothing to compare with. */
const mojibake = (v: unknown) => typeof v === 'string' && v.includes('\uFFFD');
/** feedparser's `author` is "Name (email)"; ours is the name. */
const authorOnly = (v: string) => v.replace(/\s*\([^()\s]+@[^()\s]+\)\s*$/, '');
const feedOf = (r: Parsed) => (r.ok ? r.feed : null);
const itemOf = (r: Parsed, i: number): Item | null => (r.ok ? (r.items[i] ?? null) : null);

function check(what: string, expected: unknown, actual: (r: Parsed) => unknown, pass?: Check['pass']): Check {
  return { what, expected, actual, pass };
}

// ---- feedparser's _expectations.json ----

type FpCheck = { path: (string | number)[]; canonical_path?: (string | number)[]; op: string; value?: unknown; iso_utc?: string };
type FpTest = { file: string; group: string; checks?: FpCheck[]; http_headers?: Record<string, string>; served_over_http?: boolean };

/** Where a feedparser key lives in our model, or null when our model has no such field. */
function fpProjection(path: (string | number)[]): { read: (r: Parsed) => unknown; kind: 'line' | 'text' | 'date' | 'url' | 'plain' } | null {
  const p = path.map(String);
  const key = p.join('.');
  if (p[0] === 'feed') {
    const f = (k: 'title' | 'link' | 'description' | 'language') => (r: Parsed) => feedOf(r)?.[k] ?? null;
    if (key === 'feed.title' || key === 'feed.title_detail.value') return { read: f('title'), kind: 'line' };
    if (key === 'feed.subtitle' || key === 'feed.subtitle_detail.value') return { read: f('description'), kind: 'text' };
    if (key === 'feed.link') return { read: f('link'), kind: 'url' };
    if (key === 'feed.language') return { read: f('language'), kind: 'plain' };
    return null;
  }
  if (p[0] !== 'entries' || p.length < 3) return null;
  const i = Number(p[1]);
  const rest = p.slice(2).join('.');
  const it = (read: (x: Item) => unknown) => (r: Parsed) => {
    const x = itemOf(r, i);
    return x ? read(x) : null;
  };
  switch (rest) {
    case 'title':
    case 'title_detail.value':
      return { read: it((x) => x.title || null), kind: 'line' };
    case 'summary':
    case 'summary_detail.value':
      return { read: it((x) => x.summary), kind: 'text' };
    case 'content.0.value':
      return { read: it((x) => x.content), kind: 'text' };
    case 'link':
      return { read: it((x) => x.link), kind: 'url' };
    case 'id':
      return { read: it((x) => x.guid), kind: 'plain' };
    case 'published_parsed':
    case 'created_parsed':
      return { read: it((x) => x.published), kind: 'date' };
    case 'updated_parsed':
      return { read: it((x) => x.updated), kind: 'date' };
    case 'author':
    case 'author_detail.name':
    case 'authors.0.name':
      return { read: it((x) => x.authors[0] ?? null), kind: 'line' };
  }
  const tag = /^tags\.(\d+)\.term$/.exec(rest);
  if (tag) return { read: it((x) => x.categories[Number(tag[1])] ?? null), kind: 'line' };
  return null;
}

const VERSION_FORMAT = (v: string) => (/^(rss090|rss10)$/.test(v) ? 'rdf' : v.startsWith('rss') ? 'rss' : v.startsWith('atom') ? 'atom' : v.startsWith('json') ? 'json' : v);

function feedparserCases(dir: string): Case[] {
  const { tests } = JSON.parse(readFileSync(join(dir, '_expectations.json'), 'utf8')) as { tests: FpTest[] };
  return tests.map((t) => {
    const ct = t.http_headers && Object.entries(t.http_headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    const req: ParseRequest = { file: join(dir, t.file), contentType: ct, url: t.served_over_http ? `http://127.0.0.1:8097/${t.file}` : undefined };
    const checks: Check[] = [];
    for (const c of t.checks ?? []) {
      const path = c.canonical_path ?? c.path;
      if (path.length === 1 && path[0] === 'bozo' && (c.op === 'falsy' || c.op === 'truthy')) {
        // We have no bozo flag: "well-formed" is a successful parse; "ill-formed" is a refusal or a parse with warnings.
        const wantBozo = c.op === 'truthy';
        checks.push(check('bozo', wantBozo, (r) => !r.ok || (wantBozo && r.warnings.length > 0)));
        continue;
      }
      // Only the core group's field checks: the other groups test feedparser's sanitiser and extension keys.
      if (t.group !== 'core') continue;
      if (path.length === 1 && path[0] === 'version' && c.op === 'eq' && typeof c.value === 'string') {
        checks.push(check('version', VERSION_FORMAT(c.value), (r) => (r.ok ? r.format : null)));
        continue;
      }
      if (path.length === 1 && path[0] === 'entries' && c.op === 'len_eq') {
        checks.push(check('entries', c.value, (r) => (r.ok ? r.items.length : null)));
        continue;
      }
      const proj = fpProjection(path);
      if (!proj) continue;
      const what = path.join('.');
      if (c.op === 'eq' && proj.kind === 'date' && c.iso_utc) checks.push(check(what, c.iso_utc, proj.read, sameInstant));
      else if (c.op === 'eq' && typeof c.value === 'string' && proj.kind === 'url') checks.push(check(what, c.value, proj.read, sameUrl));
      else if (c.op === 'eq' && typeof c.value === 'string') {
        const value = /(^|\.)author$/.test(what) ? authorOnly(c.value) : c.value;
        const norm = proj.kind === 'line' ? asLine : proj.kind === 'text' ? asText : squash;
        checks.push(check(what, norm(value), proj.read, (a, e) => squash(a ?? '') === e));
      } else if ((c.op === 'is' && c.value === null) || c.op === 'absent') checks.push(check(what, null, proj.read));
    }
    return { req, checks };
  });
}

// ---- rss-parser's input/ + output/ ----

type RpItem = { title?: string; link?: string; guid?: string; id?: string; isoDate?: string; categories?: unknown[] };
type RpFeed = { title?: string; link?: string; items?: RpItem[] };

function rssParserCases(dir: string): Case[] {
  const cases: Case[] = [];
  for (const name of readdirSync(join(dir, 'input')).sort()) {
    const stem = name.replace(/\.[^.]+$/, '');
    const out = join(dir, 'output', `${stem}.json`);
    // The README's one charset rule: encoding.rss is served as latin1, and its expected output is latin-1 text.
    const latin1 = stem === 'encoding';
    const req: ParseRequest = { file: join(dir, 'input', name), contentType: latin1 ? 'text/xml; charset=latin1' : undefined };
    const checks: Check[] = [];
    if (stem === 'unrecognized') checks.push(check('refused as not a feed', false, (r) => r.ok));
    if (existsSync(out)) {
      const { feed } = JSON.parse(readFileSync(out, latin1 ? 'latin1' : 'utf8')) as { feed: RpFeed };
      if (feed.title && !mojibake(feed.title)) checks.push(check('feed.title', asLine(feed.title), (r) => feedOf(r)?.title ?? null));
      const items = feed.items ?? [];
      checks.push(check('items', items.length, (r) => (r.ok ? r.items.length : null)));
      items.forEach((e, i) => {
        if (e.title && !mojibake(e.title)) checks.push(check(`items.${i}.title`, asLine(e.title), (r) => itemOf(r, i)?.title ?? null));
        if (e.link && /^https?:/i.test(e.link.trim())) checks.push(check(`items.${i}.link`, e.link.trim(), (r) => itemOf(r, i)?.link ?? null, sameUrl));
        const guid = e.guid ?? e.id;
        if (typeof guid === 'string' && guid.trim()) checks.push(check(`items.${i}.guid`, guid.trim(), (r) => itemOf(r, i)?.guid ?? null));
        if (e.isoDate) checks.push(check(`items.${i}.published`, e.isoDate, (r) => itemOf(r, i)?.published ?? null, sameInstant));
      });
    }
    cases.push({ req, checks });
  }
  return cases;
}

// ---- rowanmanning sample feeds, checked against @rowanmanning/feed-parser's snapshots ----

type RmItem = { id?: string | null; title?: string | null; url?: string | null; published?: string | null };
type RmFeed = { title?: string | null; url?: string | null; items?: RmItem[] };

function sampleFeedCases(dir: string, snapshots: string | null): Case[] {
  const cases: Case[] = [];
  for (const kind of readdirSync(dir).filter((k) => statSync(join(dir, k)).isDirectory()).sort()) {
    for (const hash of readdirSync(join(dir, kind)).sort()) {
      const file = join(dir, kind, hash, 'feed.xml');
      if (!existsSync(file)) continue;
      const checks: Check[] = [];
      const snap = snapshots ? join(snapshots, kind, `${hash}.json`) : null;
      if (snap && existsSync(snap)) {
        const { feed } = JSON.parse(readFileSync(snap, 'utf8')) as { feed: RmFeed };
        if (feed.title) checks.push(check('feed.title', asLine(feed.title), (r) => feedOf(r)?.title ?? null));
        if (feed.url && /^https?:/.test(feed.url)) checks.push(check('feed.link', feed.url, (r) => feedOf(r)?.link ?? null, sameUrl));
        const items = feed.items ?? [];
        checks.push(check('items', items.length, (r) => (r.ok ? r.items.length : null)));
        items.forEach((e, i) => {
          if (e.title) checks.push(check(`items.${i}.title`, asLine(e.title), (r) => itemOf(r, i)?.title ?? null));
          if (e.url && /^https?:/.test(e.url)) checks.push(check(`items.${i}.link`, e.url, (r) => itemOf(r, i)?.link ?? null, sameUrl));
          if (e.id) checks.push(check(`items.${i}.guid`, e.id, (r) => itemOf(r, i)?.guid ?? null));
          if (e.published) checks.push(check(`items.${i}.published`, e.published, (r) => itemOf(r, i)?.published ?? null, sameInstant));
        });
      }
      cases.push({ req: { file }, checks });
    }
  }
  return cases;
}

// ---- node-feedparser's and feed-extractor's expectations (kept in their test code; the corpus README states them) ----

const parses = check('parses', true, (r) => r.ok);
const refused = check('refused', false, (r) => r.ok);

function nodeFeedparserCases(dir: string): Case[] {
  const special: Record<string, Check[]> = {
    'guid-dupes.xml': [parses, check('items.0.guid', 'http://www.braingle.com/50366.html', (r) => itemOf(r, 0)?.guid ?? null)],
    'illegally-nested.xml': [check('items', 10, (r) => (r.ok ? r.items.length : null))],
    'saxerror.xml': [check('titles', ['Good Item', 'Bad Item', 'Item After Error'], (r) => (r.ok ? r.items.map((i) => i.title) : null))],
    'notafeed.html': [refused],
    'invalid-characters-gzipped.xml': [refused],
    'compressed.xml': [],
  };
  return filesIn(dir).map((file) => ({ req: { file }, checks: special[basename(file)] ?? [parses] }));
}

const validUrl = (u: unknown) => typeof u === 'string' && /^https?:\/\/[^/\s]+/.test(u);

function feedExtractorCases(dir: string): Case[] {
  return filesIn(dir).map((file) => {
    const name = basename(file);
    // Relative links are made absolute against a caller-supplied base; the links of one feed are missing by design.
    const url = name.includes('miss-base-url') ? (name.endsWith('.json') ? 'https://www.jsonfeed.org/feed.json' : 'https://huggingface.co/blog') : undefined;
    const every = (what: string, ok: (i: Item) => boolean) => check(what, true, (r) => r.ok && r.items.length > 0 && r.items.every(ok));
    const checks = [parses, every('every title', (i) => i.title.length > 0), every('every published', (i) => i.published !== null)];
    if (!name.includes('miss-link')) checks.push(every('every link', (i) => validUrl(i.link)));
    return { req: { file, url }, checks };
  });
}

function filesIn(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesIn(full));
    else if (FEED_FILE.test(e.name) && !e.name.startsWith('_')) out.push(full);
  }
  return out.sort();
}

/** The cases of one corpus folder, by its layout; null for a folder of expectations only. */
export function casesOf(dir: string): Case[] | null {
  const name = basename(dir);
  if (existsSync(join(dir, '_expectations.json'))) return feedparserCases(dir);
  if (existsSync(join(dir, 'input')) && existsSync(join(dir, 'output'))) return rssParserCases(dir);
  if (/snapshots$/.test(name)) return null;
  if (/sample-feeds$/.test(name)) {
    const snaps = join(dir, '..', name.replace(/sample-feeds$/, 'feed-parser-snapshots'));
    return sampleFeedCases(dir, existsSync(snaps) ? snaps : null);
  }
  if (name === 'node-feedparser-feeds') return nodeFeedparserCases(dir);
  if (name === 'feed-extractor-test-data') return feedExtractorCases(dir);
  // Anything else: robustness only (no crash, no hang).
  return filesIn(dir).map((file) => ({ req: { file }, checks: [] }));
}

export async function runFolder(dir: string, cases: Case[], runner: Runner, failures: Failure[]): Promise<FolderReport> {
  const folder = basename(dir);
  const report: FolderReport = { folder, files: 0, crashes: 0, hangs: 0, checks: 0, met: 0, share: null };
  for (const c of cases) {
    report.files++;
    const outcome = await runner.run(c.req);
    const file = relative(dir, c.req.file);
    if (outcome.kind !== 'done') {
      if (outcome.kind === 'hang') report.hangs++;
      else report.crashes++;
      failures.push({ folder, file, what: outcome.kind, expected: null, actual: outcome.kind === 'crash' ? outcome.message : null });
      report.checks += c.checks.length;
      continue;
    }
    for (const k of c.checks) {
      report.checks++;
      const actual = k.actual(outcome.parsed);
      if ((k.pass ?? sameJson)(actual, k.expected)) report.met++;
      else failures.push({ folder, file, what: k.what, expected: k.expected, actual });
    }
  }
  report.share = report.checks > 0 ? Math.round((report.met / report.checks) * 10_000) / 10_000 : null;
  return report;
}

export interface ConformanceOptions {
  details?: boolean;
  deadlineMs?: number;
  /** A worker script to parse in (tests); default: the compiled conformance-worker next to this file, if any. */
  workerScript?: string;
}

/** Exit 0 when nothing crashed or hung, 1 otherwise, 2 when the corpus folder is missing. */
export async function conformanceCommand(corpus: string, write: (line: string) => void, opts: ConformanceOptions = {}): Promise<number> {
  if (!existsSync(corpus) || !statSync(corpus).isDirectory()) {
    process.stderr.write(`conformance: ${corpus} is not a folder\n`);
    return 2;
  }
  const deadline = opts.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const script = opts.workerScript ?? WORKER_SCRIPT;
  const preload = process.env.PHARMA_RADAR_WORKER_PRELOAD;
  const runner: Runner = existsSync(script)
    ? new WorkerRunner(script, deadline, preload ? ['--require', preload] : [])
    : new InProcessRunner(deadline);
  const total: FolderReport = { folder: 'total', files: 0, crashes: 0, hangs: 0, checks: 0, met: 0, share: null };
  try {
    for (const name of readdirSync(corpus).sort()) {
      const dir = join(corpus, name);
      if (!statSync(dir).isDirectory()) continue;
      const cases = casesOf(dir);
      if (!cases) continue;
      const failures: Failure[] = [];
      const r = await runFolder(dir, cases, runner, failures);
      if (opts.details) for (const f of failures) write(JSON.stringify(f));
      write(JSON.stringify(r));
      for (const k of ['files', 'crashes', 'hangs', 'checks', 'met'] as const) total[k] += r[k];
    }
  } finally {
    await runner.close();
  }
  total.share = total.checks > 0 ? Math.round((total.met / total.checks) * 10_000) / 10_000 : null;
  write(JSON.stringify(total));
  return total.crashes + total.hangs > 0 ? 1 : 0;
}

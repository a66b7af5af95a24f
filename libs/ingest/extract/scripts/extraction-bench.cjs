// Article body extraction, scored with the Zyte article-extraction-benchmark's own metric (4-token shingles, per-page
// precision/recall normalised by the page's shingle total, F1 of the mean precision and mean recall), on
// ../shared/corpus/article-extraction-benchmark. The published extractors' outputs are scored the same way in the same run.
// Pages are split by sha256(id): a development two thirds (per-page failures printed) and a held-out third, scored
// only in aggregate with --heldout (we allow ourselves two such runs). Never asserted in a test.
// Usage: npm run bench:extract -- [--heldout] [--failures N] [--runs R] [--dump scores.json] [--check-metric]
// First run, before this library (the extractor in ingest-feeds at commit c2f126b): development F1 0.950.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const crypto = require('node:crypto');
const { root } = require('../../../../tools/register-ts.cjs');

const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const HELDOUT = argv.includes('--heldout');
// --check-metric: score only the published outputs on every page (must give readability_js 0.946), nothing of ours.
const CHECK = argv.includes('--check-metric');
const FAILURES = Number(opt('--failures', 15));
const RUNS = Number(opt('--runs', 3));
const DIR = path.resolve(root, opt('--corpus', '../shared/corpus/article-extraction-benchmark'));

// ---- the benchmark's metric ----
const TOKEN = /[\p{L}\p{N}\p{M}_]+/gu;
function shingles(text) {
  const tokens = (text || '').match(TOKEN) || [];
  const counts = new Map();
  if (tokens.length === 0) return counts;
  const n = Math.min(4, tokens.length);
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join('\u0001');
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return counts;
}
function pagePR(truth, predicted) {
  const t = shingles(truth);
  const p = shingles(predicted);
  let tp = 0, fp = 0, fn = 0;
  for (const [k, c] of p) {
    const tc = t.get(k) || 0;
    tp += Math.min(tc, c);
    fp += Math.max(0, c - tc);
  }
  for (const [k, c] of t) fn += Math.max(0, c - (p.get(k) || 0));
  const sum = tp + fp + fn;
  if (sum > 0) { tp /= sum; fp /= sum; fn /= sum; }
  let precision, recall;
  if (fp === 0 && fn === 0) { precision = 1; recall = 1; }
  else {
    precision = tp + fp === 0 ? null : tp / (tp + fp);
    recall = tp + fn === 0 ? null : tp / (tp + fn);
    if (tp === 0 && fp === 0) precision = 0;
    if (tp === 0 && fn === 0) recall = 0;
  }
  return { precision, recall, tpfp: tp + fp, tpfn: tp + fn };
}
function aggregate(rows) {
  const ps = rows.filter((r) => r.tpfp > 0 || (r.precision === 1 && r.recall === 1)).map((r) => r.precision);
  const rs = rows.filter((r) => r.tpfn > 0 || (r.precision === 1 && r.recall === 1)).map((r) => r.recall);
  const P = ps.reduce((a, b) => a + b, 0) / (ps.length || 1);
  const R = rs.reduce((a, b) => a + b, 0) / (rs.length || 1);
  return { f1: P + R === 0 ? 0 : (2 * P * R) / (P + R), precision: P, recall: R, pages: rows.length };
}

// ---- pages ----
const truth = JSON.parse(fs.readFileSync(path.join(DIR, 'ground-truth.json'), 'utf8'));
const ids = Object.keys(truth).sort();
const isHeldOut = (id) => crypto.createHash('sha256').update(`extract-split:${id}`).digest()[0] % 3 === 0;
const part = CHECK ? ids : ids.filter((id) => isHeldOut(id) === HELDOUT);
if (CHECK) {
  for (const f of fs.readdirSync(path.join(DIR, 'reference-outputs')).sort()) {
    const ref = JSON.parse(fs.readFileSync(path.join(DIR, 'reference-outputs', f), 'utf8')).output;
    const a = aggregate(ids.map((id) => pagePR(truth[id].articleBody, ref[id]?.articleBody ?? '')));
    console.log(`${f.replace(/\.json$/, '').padEnd(26)}F1 ${a.f1.toFixed(3)}  P ${a.precision.toFixed(3)}  R ${a.recall.toFixed(3)}  (${ids.length} pages)`);
  }
  process.exit(0);
}
const pages = part.map((id) => ({ id, bytes: zlib.gunzipSync(fs.readFileSync(path.join(DIR, 'html', `${id}.html.gz`))) }));

const { extractArticle } = require(path.join(root, 'libs/ingest/extract/src/index.ts'));
const run = (bytes) => extractArticle(bytes).text;

const outputs = new Map(pages.map((p) => [p.id, run(p.bytes)]));
const totalBytes = pages.reduce((a, p) => a + p.bytes.length, 0);
let best = Infinity;
for (let r = 0; r < RUNS; r++) {
  const t0 = process.hrtime.bigint();
  for (const p of pages) run(p.bytes);
  best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
}

const ours = part.map((id) => ({ id, ...pagePR(truth[id].articleBody, outputs.get(id)) }));
const mine = aggregate(ours);
const fmt = (a) => `F1 ${a.f1.toFixed(3)}  P ${a.precision.toFixed(3)}  R ${a.recall.toFixed(3)}`;
console.log(`${HELDOUT ? 'HELD-OUT' : 'development'} part: ${part.length} of ${ids.length} pages`);
console.log('ours (ingest-extract)'.padEnd(26) + fmt(mine));
const refDir = path.join(DIR, 'reference-outputs');
for (const f of fs.readdirSync(refDir).filter((f) => f.endsWith('.json')).sort()) {
  const ref = JSON.parse(fs.readFileSync(path.join(refDir, f), 'utf8')).output;
  const a = aggregate(part.map((id) => pagePR(truth[id].articleBody, ref[id]?.articleBody ?? '')));
  console.log(f.replace(/\.json$/, '').padEnd(26) + fmt(a) + `   ours/theirs F1 ${(mine.f1 / a.f1).toFixed(3)}`);
}
console.log(`speed: ${(pages.length / best).toFixed(0)} pages/s, ${(totalBytes / 1e6 / best).toFixed(1)} MB/s (best of ${RUNS}, ${(totalBytes / 1e6).toFixed(1)} MB, one thread)`);
// --dump FILE: per-page scores of the development part, to compare two variants page by page.
if (!HELDOUT && opt('--dump')) fs.writeFileSync(opt('--dump'), JSON.stringify(Object.fromEntries(ours.map((r) => [r.id.slice(0, 12), [r.precision, r.recall]]))));
if (!HELDOUT && FAILURES > 0) {
  console.log(`\nworst ${FAILURES} development pages (F1, P, R, id, url):`);
  const f1 = (r) => (r.precision + r.recall ? (2 * r.precision * r.recall) / (r.precision + r.recall) : 0);
  for (const r of ours.sort((a, b) => f1(a) - f1(b)).slice(0, FAILURES)) {
    console.log(`  ${f1(r).toFixed(3)}  ${(r.precision ?? 0).toFixed(2)}  ${(r.recall ?? 0).toFixed(2)}  ${r.id.slice(0, 12)}  ${truth[r.id].url}`);
  }
}

// Hostile shapes: time at 1 MB over time at 250 KB, best of three each. Linear work gives about 4x, quadratic 16x.
const { HOSTILE_HTML: HOSTILE } = require(path.join(root, 'libs/ingest/extract/src/__fixtures__/hostile-html.ts'));
const bestOf = (html) => {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    extractArticle(html);
    best = Math.min(best, Number(process.hrtime.bigint() - t0));
  }
  return best;
};
console.log('\nhostile inputs, time at 1 MB / time at 250 KB (linear about 4x, quadratic 16x):');
for (const [name, make] of HOSTILE) {
  const small = make(250_000);
  const large = make(1_000_000);
  bestOf(small); // warm-up
  const [t250, t1000] = [bestOf(small), bestOf(large)];
  console.log(`  ${name.padEnd(26)} ${(t1000 / t250).toFixed(1)}x  (${(t1000 / 1e6).toFixed(1)} ms at 1 MB)`);
}


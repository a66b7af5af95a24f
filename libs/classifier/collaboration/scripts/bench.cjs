// Two benchmarks, each a ratio against a baseline measured in the same run; never asserted in a test because machines differ.
// 1. Whole process (the goal of issue 9): `classify --jsonl` as a user runs it against a Node CLI running a wink-nlp
//    pipeline (wink-peer.cjs: tokens, POS, entities), on the same ~20,000-line JSONL built at run time in the temp
//    folder from ../shared/eval/*.jsonl (real leads repeated under distinct ids), several alternating runs.
// 2. In process: classify() against a bare precompiled keyword regex over the same texts.
// Usage: npx node --expose-gc libs/classifier/collaboration/scripts/bench.cjs [labelled-or-plain.jsonl]
//        [--docs 20000] [--runs 5] [--skip-cli] [--skip-in-process]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { root } = require('../../../../tools/register-ts.cjs');

const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const positional = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && ['--docs', '--runs'].includes(argv[i - 1])));
const SHARED_EVAL = path.join(root, '../shared/eval');

/** A JSONL of `count` lines in the temp folder: the real leads of ../shared/eval, repeated with distinct ids. */
function buildCliInput(count) {
  const leads = [];
  for (const name of fs.readdirSync(SHARED_EVAL).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of fs.readFileSync(path.join(SHARED_EVAL, name), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line);
      leads.push({ title: r.title || '', text: r.text || '', url: r.url, source: r.source });
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pharma-radar-bench-'));
  const file = path.join(dir, 'leads.jsonl');
  const out = fs.openSync(file, 'w');
  for (let i = 0; i < count; i += 1000) {
    let chunk = '';
    for (let j = i; j < Math.min(count, i + 1000); j++) chunk += JSON.stringify({ id: `bench-${j}`, ...leads[j % leads.length] }) + '\n';
    fs.writeSync(out, chunk);
  }
  fs.closeSync(out);
  return { dir, file, distinct: leads.length };
}

/** Runs one CLI as a whole process, stdout to a file; returns seconds and the number of lines it wrote. */
function timeProcess(args, outFile) {
  const out = fs.openSync(outFile, 'w');
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', out, 'pipe'], maxBuffer: 1 << 24 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.closeSync(out);
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status ?? r.signal}: ${String(r.stderr).slice(0, 2000)}`);
  let lines = 0;
  const text = fs.readFileSync(outFile, 'utf8');
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return { seconds, lines };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function cliVersusWink() {
  const count = option('--docs', 20_000);
  const runs = option('--runs', 5);
  const input = buildCliInput(count);
  try {
    measureCliVersusWink(input, count, runs);
  } finally {
    fs.rmSync(input.dir, { recursive: true, force: true });
  }
}

function measureCliVersusWink(input, count, runs) {
  const ours = ['tools/run.js', 'apps/cli/src/main', 'classify', '--jsonl', input.file];
  // The same command held to one thread: the peer CLI below runs on one.
  const oursOneThread = [...ours, '--workers', '1'];
  const peer = [path.join(__dirname, 'wink-peer.cjs'), input.file];
  // `npm run cli` is `tools/run.js --build`: this call builds dist/ if a source changed. The timed runs leave out the
  // staleness check (a few milliseconds, timed on its own below) so that an edit made elsewhere during the benchmark
  // cannot put a build inside a timed run.
  timeProcess(['tools/run.js', '--build', ...ours.slice(1)], path.join(input.dir, 'warm.jsonl'));
  const empty = path.join(input.dir, 'empty.jsonl');
  fs.writeFileSync(empty, '');
  const startup = { check: [], ours: [], peer: [] };
  for (let run = 0; run < 5; run++) {
    startup.check.push(timeProcess(['tools/run.js', '--build', ...ours.slice(1, -1), empty], path.join(input.dir, 'start.jsonl')).seconds);
    startup.ours.push(timeProcess([...ours.slice(0, -1), empty], path.join(input.dir, 'start.jsonl')).seconds);
    startup.peer.push(timeProcess([peer[0], empty], path.join(input.dir, 'start.jsonl')).seconds);
  }
  const rates = { ours: [], oneThread: [], peer: [] };
  const commands = { ours, oneThread: oursOneThread, peer };
  for (let run = 0; run < runs; run++) {
    // Rotate which goes first, so that none always runs on a warmer or busier machine.
    const order = ['ours', 'oneThread', 'peer'].map((_, i, all) => all[(i + run) % all.length]);
    for (const who of order) {
      const { seconds, lines } = timeProcess(commands[who], path.join(input.dir, `${who}.jsonl`));
      if (lines !== count) throw new Error(`${who} wrote ${lines} lines for ${count} inputs`);
      rates[who].push(count / seconds);
    }
  }
  const fmt = (xs) => `median ${median(xs).toFixed(0).padStart(6)} docs/s  (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
  const ms = (xs) => `${(median(xs) * 1000).toFixed(0)} ms`;
  console.log(`start-up on an empty file (median of 5): classify CLI ${ms(startup.ours)}, with the build check ${ms(startup.check)}; wink-nlp CLI ${ms(startup.peer)}`);
  console.log(`whole process, ${count} docs (${input.distinct} real leads repeated), ${runs} alternating runs, stdout to a file:`);
  const threads = require('node:os').availableParallelism();
  console.log(`  classify --jsonl CLI, ${threads} worker threads (default)  ${fmt(rates.ours)}`);
  console.log(`  classify --jsonl --workers 1 CLI          ${fmt(rates.oneThread)}`);
  console.log(`  wink-nlp pipeline CLI (one thread)        ${fmt(rates.peer)}`);
  for (const [label, who] of [['classify/wink', 'ours'], ['classify --workers 1/wink', 'oneThread']]) {
    const ratios = rates[who].map((r, i) => r / rates.peer[i]);
    console.log(`  ratio ${label.padEnd(26)} median ${median(ratios).toFixed(2)}x  (runs: ${ratios.map((x) => x.toFixed(2)).join(', ')}; goal >= 3x)`);
  }
}

if (!argv.includes('--skip-cli') && fs.existsSync(SHARED_EVAL)) cliVersusWink();
if (argv.includes('--skip-in-process')) return;

const { classify, CollaborationClassifier } = require(path.join(root, 'libs/classifier/collaboration/src/index.ts'));
const { mayAnnounceCollaboration } = require(path.join(root, 'libs/classifier/collaboration/src/rules/prefilter.ts'));
const { normalizeText, MAX_TEXT_CHARS, MAX_TITLE_CHARS } = require(path.join(root, 'libs/classifier/collaboration/src/text/normalize.ts'));
const file = positional[0] || path.join(root, '../shared/eval/dev.jsonl');
const records = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const docs = records.map((r) => ({ title: r.title || '', text: r.text || '' }));
// General (not pharma) news pages from the extraction benchmark: what a feed's ordinary traffic costs.
const ORDINARY = path.join(root, '../shared/corpus/article-extraction-benchmark/ground-truth.json');
const KEYWORDS = /collaborat|partner|alliance|team up|agreement|licens|consorti/i;

function timeIt(label, fn, minMs = 1500, list = docs) {
  for (let i = 0; i < 3; i++) fn();
  let runs = 0;
  const started = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    fn();
    runs++;
    elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  }
  const docsPerSec = (runs * list.length) / (elapsed / 1000);
  console.log(`${label.padEnd(22)} ${docsPerSec.toFixed(0).padStart(10)} docs/s`);
  return docsPerSec;
}

let sink = 0;
const regex = timeIt('keyword regex', () => { for (const d of docs) if (KEYWORDS.test(d.title) || KEYWORDS.test(d.text)) sink++; });
// The classifier's own first step (normalise, then its wider pre-filter vocabulary): a floor under any result.
const gate = timeIt('normalise + pre-filter', () => {
  for (const d of docs) if (mayAnnounceCollaboration(normalizeText(d.title, MAX_TITLE_CHARS), normalizeText(d.text, MAX_TEXT_CHARS))) sink++;
});
const clf = timeIt('classify()', () => { for (const d of docs) if (classify(d).is_rd_collaboration) sink++; });
const passed = docs.filter((d) => mayAnnounceCollaboration(normalizeText(d.title, MAX_TITLE_CHARS), normalizeText(d.text, MAX_TEXT_CHARS))).length;
console.log(`pre-filter alone/regex  ${(gate / regex).toFixed(3)}x   (${passed} of ${docs.length} docs pass it to full analysis)`);
console.log(`ratio classifier/regex  ${(clf / regex).toFixed(3)}x   (goal >= 0.1x; ${docs.length} docs, sink ${sink % 7})`);

// The ceiling any pre-filter can reach here: if it let through only the labelled collaborations and cost nothing,
// the classifier would still analyse each of them in full. Printed so that the goal can be judged against it.
const positives = docs.filter((_, i) => records[i].label === 'rd_collaboration');
if (positives.length > 0) {
  const perfect = timeIt('classify(positives)', () => { for (const d of positives) if (classify(d).is_rd_collaboration) sink++; }, 1500, positives);
  const perPass = positives.length / perfect;
  console.log(`ceiling with a perfect free pre-filter  ${((docs.length / regex) / perPass).toFixed(3)}x   (${positives.length} of ${docs.length} docs are collaborations)`);
}

if (fs.existsSync(ORDINARY)) {
  const pages = Object.values(JSON.parse(fs.readFileSync(ORDINARY, 'utf8'))).map((v) => {
    const body = v.articleBody || '';
    const cut = body.indexOf('\n');
    return cut > 0 ? { title: body.slice(0, Math.min(cut, 200)), text: body.slice(cut + 1) } : { title: '', text: body };
  });
  const r = timeIt('ordinary: keyword regex', () => { for (const d of pages) if (KEYWORDS.test(d.title) || KEYWORDS.test(d.text)) sink++; }, 1500, pages);
  const c = timeIt('ordinary: classify()', () => { for (const d of pages) if (classify(d).is_rd_collaboration) sink++; }, 1500, pages);
  console.log(`ordinary news classifier/regex  ${(c / r).toFixed(3)}x   (${pages.length} general news pages, ${pages.filter((d) => classify(d).is_rd_collaboration).length} flagged)`);
}

if (global.gc) {
  // Several full collections: the first after the timed loops leaves garbage the next ones still free.
  for (let i = 0; i < 4; i++) global.gc();
  const before = process.memoryUsage().heapUsed;
  // Ten instances held at once: one alone is smaller than the garbage a collection may still free around it.
  const gazetteer = require(path.join(root, 'libs/classifier/collaboration/src/entities/gazetteer.ts')).GAZETTEER;
  const instances = Array.from({ length: 10 }, () => new CollaborationClassifier({ gazetteer }));
  for (const instance of instances) instance.classify(docs[0]);
  for (let i = 0; i < 4; i++) global.gc();
  const after = process.memoryUsage().heapUsed;
  // Used after the measurement, so that the collector cannot free the instances before they are counted.
  if (!instances.every((instance) => instance.classify(docs[0]))) throw new Error('no classification');
  console.log(`one classifier instance (compiled gazetteer): ~${((after - before) / 10 / 1024).toFixed(0)} KiB heap (10 held, averaged)`);
}

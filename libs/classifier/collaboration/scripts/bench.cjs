// Throughput of classify() against a bare precompiled keyword regex over the same texts, in the same run.
// Usage: npx node --expose-gc libs/classifier/collaboration/scripts/bench.cjs [labelled-or-plain.jsonl]
// Prints a ratio (classifier docs/s ÷ regex docs/s); never asserted in a test because machines differ.
const fs = require('node:fs');
const path = require('node:path');
const { root } = require('./register-ts.cjs');

const { classify, CollaborationClassifier } = require(path.join(root, 'libs/classifier/collaboration/src/index.ts'));
const { PREFILTER } = require(path.join(root, 'libs/classifier/collaboration/src/rules/lexicon.ts'));
const { normalizeText, MAX_TEXT_CHARS, MAX_TITLE_CHARS } = require(path.join(root, 'libs/classifier/collaboration/src/text/normalize.ts'));
const file = process.argv[2] || path.join(root, '../shared/eval/dev.jsonl');
const docs = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).map((r) => ({ title: r.title || '', text: r.text || '' }));
const KEYWORDS = /collaborat|partner|alliance|team up|agreement|licens|consorti/i;

function timeIt(label, fn, minMs = 1500) {
  for (let i = 0; i < 3; i++) fn();
  let runs = 0;
  const started = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    fn();
    runs++;
    elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  }
  const docsPerSec = (runs * docs.length) / (elapsed / 1000);
  console.log(`${label.padEnd(22)} ${docsPerSec.toFixed(0).padStart(10)} docs/s`);
  return docsPerSec;
}

let sink = 0;
const regex = timeIt('keyword regex', () => { for (const d of docs) if (KEYWORDS.test(d.title) || KEYWORDS.test(d.text)) sink++; });
// The classifier's own first step (normalise, then its wider pre-filter vocabulary): a floor under any result.
const gate = timeIt('normalise + pre-filter', () => {
  for (const d of docs) if (PREFILTER.test(normalizeText(d.title, MAX_TITLE_CHARS)) || PREFILTER.test(normalizeText(d.text, MAX_TEXT_CHARS).slice(0, 6000))) sink++;
});
const clf = timeIt('classify()', () => { for (const d of docs) if (classify(d).is_rd_collaboration) sink++; });
const passed = docs.filter((d) => PREFILTER.test(d.title) || PREFILTER.test(d.text.slice(0, 6000))).length;
console.log(`pre-filter alone/regex  ${(gate / regex).toFixed(3)}x   (${passed} of ${docs.length} docs pass it to full analysis)`);
console.log(`ratio classifier/regex  ${(clf / regex).toFixed(3)}x   (goal >= 0.1x; ${docs.length} docs, sink ${sink % 7})`);

if (global.gc) {
  global.gc();
  const before = process.memoryUsage().heapUsed;
  const instance = new CollaborationClassifier({ gazetteer: require(path.join(root, 'libs/classifier/collaboration/src/entities/gazetteer.ts')).GAZETTEER });
  instance.classify(docs[0]);
  global.gc();
  console.log(`one classifier instance (compiled gazetteer): ~${((process.memoryUsage().heapUsed - before) / 1024).toFixed(0)} KiB heap`);
}

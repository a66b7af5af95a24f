// Throughput of classify() against a bare precompiled keyword regex over the same texts, in the same run.
// Usage: npx node --expose-gc libs/classifier/collaboration/scripts/bench.cjs [labelled-or-plain.jsonl]
// Prints a ratio (classifier docs/s ÷ regex docs/s); never asserted in a test because machines differ.
const fs = require('node:fs');
const path = require('node:path');
const { root } = require('./register-ts.cjs');

const { classify, CollaborationClassifier } = require(path.join(root, 'libs/classifier/collaboration/src/index.ts'));
const { mayAnnounceCollaboration } = require(path.join(root, 'libs/classifier/collaboration/src/rules/prefilter.ts'));
const { normalizeText, MAX_TEXT_CHARS, MAX_TITLE_CHARS } = require(path.join(root, 'libs/classifier/collaboration/src/text/normalize.ts'));
const file = process.argv[2] || path.join(root, '../shared/eval/dev.jsonl');
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
  global.gc();
  const before = process.memoryUsage().heapUsed;
  const instance = new CollaborationClassifier({ gazetteer: require(path.join(root, 'libs/classifier/collaboration/src/entities/gazetteer.ts')).GAZETTEER });
  instance.classify(docs[0]);
  global.gc();
  console.log(`one classifier instance (compiled gazetteer): ~${((process.memoryUsage().heapUsed - before) / 1024).toFixed(0)} KiB heap`);
}

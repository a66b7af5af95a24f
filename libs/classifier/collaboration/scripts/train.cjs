// `npm run train`: fits the learned decision on ../shared/eval/*.jsonl (less the dev-2 holdout) and the invented sets,
// reports story-grouped cross-validation, and writes src/model/weights.json. Deterministic; a few seconds.
// Flags: --cv K (default 5; 0 skips), --no-ngrams, --no-lead-ngrams, --rule-total, --l2 X, --invented-weight X, --threshold X, --headline-weight X, --dry-run (print, write nothing).
const fs = require('node:fs');
const path = require('node:path');
const { root } = require('../../../../tools/register-ts.cjs');

const lib = path.join(root, 'libs/classifier/collaboration/src');
const { featureTable, fitWeights, crossValidate, setNameOf, DEFAULT_CONFIG } = require(path.join(lib, 'model/training.ts'));
const { evaluate, formatSummary, parseLabelledRecord, canonicalOrgName, classify } = require(path.join(lib, 'index.ts'));

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const cfg = {
  ...DEFAULT_CONFIG,
  features: { ngrams: !args.includes('--no-ngrams'), ruleTotal: args.includes('--rule-total'), leadNgrams: !args.includes('--no-lead-ngrams') },
  train: { ...DEFAULT_CONFIG.train, l2: Number(opt('--l2', DEFAULT_CONFIG.train.l2)) },
  inventedWeight: Number(opt('--invented-weight', DEFAULT_CONFIG.inventedWeight)),
  threshold: Number(opt('--threshold', DEFAULT_CONFIG.threshold)),
  headlineWeight: Number(opt('--headline-weight', DEFAULT_CONFIG.headlineWeight)),
};
const k = Number(opt('--cv', 5));

const shared = path.join(root, '..', 'shared', 'eval');
if (!fs.existsSync(shared)) {
  process.stderr.write(`train: ${shared} not found: the real labelled leads are read from ../shared at training time\n`);
  process.exit(1);
}
const holdout = new Set(JSON.parse(fs.readFileSync(path.join(lib, 'eval/holdout-dev-2.json'), 'utf8')).ids);
const fixtures = path.join(lib, 'eval/__fixtures__');
const sources = [
  ['dev', path.join(shared, 'dev.jsonl')],
  ['dev-2', path.join(shared, 'dev-2.jsonl')],
  ...fs.readdirSync(fixtures).filter((f) => f.endsWith('.jsonl')).sort().map((f) => [setNameOf(f), path.join(fixtures, f)]),
];
const records = [];
let heldOut = 0;
for (const [set, file] of sources) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const parsed = parseLabelledRecord(JSON.parse(line));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
    if (holdout.has(parsed.record.id)) { heldOut++; continue; }
    // Ids repeat across sets: the set name keeps them apart.
    records.push({ ...parsed.record, id: `${set}/${parsed.record.id}`, dup_of: parsed.record.dup_of ? `${set}/${parsed.record.dup_of}` : null, set });
  }
}
const started = Date.now();
const table = featureTable(records, cfg.features);
const out = (s) => process.stdout.write(s);
out(`training records ${records.length} (dev-2 holdout of ${heldOut} left out), features in ${Date.now() - started} ms\n`);

const cv = {};
if (k > 1) {
  const t0 = Date.now();
  const classifications = crossValidate(records, table, k, cfg);
  out(`\n${k}-fold cross-validation grouped by story (${Date.now() - t0} ms); each item classified by a model that never saw its story\n`);
  const groups = [['dev', (r) => r.set === 'dev'], ['dev-2 (less holdout)', (r) => r.set === 'dev-2'], ['invented sets', (r) => r.set.startsWith('invented')], ['real (dev + dev-2)', (r) => !r.set.startsWith('invented')]];
  for (const [name, pick] of groups) {
    const subset = records.filter(pick);
    const learned = evaluate(subset, classify, { canonical: canonicalOrgName, classifications });
    const rules = evaluate(subset, classify, { canonical: canonicalOrgName });
    out(formatSummary(learned, `${name}, learned (cv)`) + formatSummary(rules, `${name}, committed model`));
    cv[name] = { precision: +learned.flag.precision.toFixed(3), recall: +learned.flag.recall.toFixed(3), partyF1: +learned.parties.f1.toFixed(3), dealType: +learned.dealTypeAccuracy.toFixed(3) };
  }
}

const weights = { ...fitWeights(records, table, cfg), cv: { folds: k, ...cv } };
const target = path.join(lib, 'model/weights.json');
if (args.includes('--dry-run')) out(`\n--dry-run: ${target} not written\n`);
else {
  fs.writeFileSync(target, JSON.stringify(weights, null, 1) + '\n');
  out(`\nwrote ${path.relative(root, target)}: ${weights.trainedOn.features} weights, platt a=${weights.platt.a} b=${weights.platt.b}, threshold ${weights.threshold}, prefiltered confidence ${weights.prefilteredConfidence}\n`);
}

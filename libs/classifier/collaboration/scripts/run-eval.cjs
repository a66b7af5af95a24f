// Prints the eval tables through the CLI's eval command, without a build.
// Usage: npx node libs/classifier/collaboration/scripts/run-eval.cjs [--cv K] [--holdout] [file.jsonl ...] (default ../shared/eval/dev.jsonl)
const path = require('node:path');
const { root } = require('../../../../tools/register-ts.cjs');

const { evalCommand } = require(path.join(root, 'apps', 'cli', 'src', 'commands', 'eval.ts'));
const args = process.argv.slice(2);
const cvAt = args.indexOf('--cv');
const files = args.filter((a, i) => !a.startsWith('--') && i !== cvAt + 1 || (cvAt < 0 && !a.startsWith('--')));
evalCommand({
  files: files.length ? files : [path.join(root, '../shared/eval/dev.jsonl')],
  cv: cvAt >= 0 ? Number(args[cvAt + 1]) : undefined,
  holdout: args.includes('--holdout'),
}, (s) => process.stdout.write(s)).then((code) => { process.exitCode = code; });

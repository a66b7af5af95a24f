// Prints the eval table for a labelled JSONL file through the CLI's eval command, without a build.
// Usage: npx node libs/classifier/collaboration/scripts/run-eval.cjs [../shared/eval/dev.jsonl]
const path = require('node:path');
const { root } = require('./register-ts.cjs');

const { evalCommand } = require(path.join(root, 'apps', 'cli', 'src', 'commands', 'eval.ts'));
const file = process.argv[2] || path.join(root, '../shared/eval/dev.jsonl');
evalCommand({ jsonl: file }, (s) => process.stdout.write(s)).then((code) => { process.exitCode = code; });

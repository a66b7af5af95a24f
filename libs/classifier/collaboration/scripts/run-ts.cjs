// Runs a TypeScript entry of this repo without a build.
// Usage: npx node libs/classifier/collaboration/scripts/run-ts.cjs <entry.ts> [args...]
const path = require('node:path');
require('../../../../tools/register-ts.cjs');

const [entry, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], entry, ...rest];
require(path.resolve(entry));

#!/usr/bin/env node
// Runs a compiled entry point from dist/ with the workspace's @pharma-radar/* aliases resolved to
// their compiled index files: `node tools/run.js apps/cli/src/main start`.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const tsconfigPaths = require('tsconfig-paths');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
const paths = {};
for (const [alias, targets] of Object.entries(compilerOptions.paths)) paths[alias] = targets.map((t) => t.replace(/\.ts$/, ''));
tsconfigPaths.register({ baseUrl: dist, paths, addMatchAll: false });

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node tools/run.js <entry, e.g. apps/cli/src/main> [args...]\n');
  process.exit(2);
}
const file = path.join(dist, entry.replace(/\.(ts|js)$/, '') + '.js');
if (!fs.existsSync(file)) {
  process.stderr.write(`${file} does not exist: run \`npm run build\` first\n`);
  process.exit(2);
}
process.argv = [process.argv[0], file, ...args];
require(file);

#!/usr/bin/env node
// Runs a compiled entry point from dist/ with the workspace's @pharma-radar/* aliases resolved to
// their compiled index files: `node tools/run.js [--build] apps/cli/src/main start`.
// With --build, dist/ is rebuilt first (tsc, type-checked) only when a source changed since the last build: a
// no-op `tsc` costs about 5 s, this check a few milliseconds.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
// Written after every successful build; any source, folder or tsconfig newer than it means dist/ may be stale.
const STAMP = path.join(dist, '.build-stamp');
const SOURCE_DIRS = ['apps', 'libs'];
const CONFIGS = ['tsconfig.base.json', 'tsconfig.build.json', 'package.json'];

/** Newest mtime under dir of a .ts/.json file or of a folder (a folder's mtime moves when a file is added, removed or renamed). */
function newestMtime(dir) {
  let newest = fs.statSync(dir).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (/\.(?:ts|json)$/.test(entry.name) && !/\.(?:spec|int-spec|e2e-spec)\.ts$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isStale() {
  let built;
  try {
    built = fs.statSync(STAMP).mtimeMs;
  } catch {
    return true;
  }
  const sources = [...SOURCE_DIRS.map((d) => newestMtime(path.join(root, d))), ...CONFIGS.map((f) => fs.statSync(path.join(root, f)).mtimeMs)];
  return sources.some((m) => m >= built);
}

function buildIfStale() {
  if (!isStale()) return;
  const started = Date.now();
  const { spawnSync } = require('node:child_process');
  // The stamp's time is taken before tsc reads anything, so an edit made during the build triggers the next one.
  fs.mkdirSync(dist, { recursive: true });
  const stampTime = new Date();
  // tsc reports on stdout; stdout belongs to the command's own output (JSON lines), so tsc's goes to stderr.
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: ['ignore', 2, 2] });
  if (tsc.status !== 0) {
    process.stderr.write(`build failed (tsc exit ${tsc.status ?? tsc.signal}): not running\n`);
    process.exit(tsc.status || 1);
  }
  fs.writeFileSync(STAMP, `${stampTime.toISOString()}\n`);
  fs.utimesSync(STAMP, stampTime, stampTime);
  process.stderr.write(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const argv = process.argv.slice(2);
const build = argv[0] === '--build';
const [entry, ...args] = build ? argv.slice(1) : argv;
if (!entry) {
  process.stderr.write('usage: node tools/run.js [--build] <entry, e.g. apps/cli/src/main> [args...]\n');
  process.exit(2);
}
if (build) buildIfStale();

require('./register-dist');

const file = path.join(dist, entry.replace(/\.(ts|js)$/, '') + '.js');
if (!fs.existsSync(file)) {
  process.stderr.write(`${file} does not exist: run \`npm run build\` first\n`);
  process.exit(2);
}
process.argv = [process.argv[0], file, ...args];
require(file);

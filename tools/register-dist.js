'use strict';
// Resolves the workspace's @pharma-radar/* aliases to their compiled index files under dist/. Required by
// tools/run.js, and preloaded into worker threads (their module system starts empty): see PRELOAD_VARIABLE.
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
const paths = {};
for (const [alias, targets] of Object.entries(compilerOptions.paths)) paths[alias] = targets.map((t) => t.replace(/\.ts$/, ''));
tsconfigPaths.register({ baseUrl: dist, paths, addMatchAll: false });

// Worker threads inherit the environment but not this registration: they preload the file named here.
process.env.PHARMA_RADAR_WORKER_PRELOAD = __filename;

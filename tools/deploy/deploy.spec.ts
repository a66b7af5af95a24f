import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ConsumerGroups, TopicName, TopicSpecs } from '@pharma-radar/contracts';
import { subscriptionsApiEnv } from '@pharma-radar/notifier-api';
import { notifierEnv } from '@pharma-radar/notifier-service';
import { commonEnv } from '@pharma-radar/platform-config';
import { renderKafkaTopics, TOPICS_FILE } from './kafka-topics';

// The deployment as an operator gets it: every overlay rendered by kubectl and validated against the Kubernetes, KEDA,
// Prometheus Operator and Strimzi schemas; the Compose file against the Compose spec and Compose v1. The tools are
// required: a missing one fails here with what to install, it never skips.
const ROOT = resolve(__dirname, '../..');
const OVERLAYS = ['k8s/overlays/local', 'k8s/overlays/production', 'k8s/overlays/external-kafka'];

interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

function run(command: string, args: string[]) {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error) throw new Error(`${command} could not run (${r.error.message}): install it (.ci/run does)`);
  return r;
}

function render(dir: string): Resource[] {
  const r = run('kubectl', ['kustomize', dir]);
  if (r.status !== 0) throw new Error(`kubectl kustomize ${dir} failed:\n${r.stderr}`);
  return parseAllDocuments(r.stdout).map((d) => d.toJS() as Resource).filter(Boolean);
}

function validator(script: string, args: string[] = []) {
  const r = run(process.execPath, [join('tools/deploy', script), ...args]);
  if (r.status === 2) throw new Error(r.stderr);
  const lines = r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { dir?: string; resources?: number; errors: string[] });
  return { status: r.status, lines, stderr: r.stderr };
}

function named<T extends Resource>(resources: Resource[], kind: string, name: string): T {
  const found = resources.find((r) => r.kind === kind && r.metadata.name === name);
  if (!found) throw new Error(`${kind}/${name} not rendered`);
  return found as T;
}

describe('Kubernetes manifests', () => {
  it('should render every overlay and validate every resource against the Kubernetes and CRD schemas', () => {
    const { status, lines } = validator('validate-k8s.mjs');
    expect(lines.map((l) => [l.dir, l.errors])).toEqual(['k8s/base', ...OVERLAYS].sort().map((d) => [d, []]));
    for (const l of lines) expect(l.resources).toBeGreaterThan(20);
    expect(status).toBe(0);
  });

  it('should reject resources that break their schema, and kinds it has no schema for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-k8s-'));
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [bad.yaml]\n');
    writeFileSync(join(dir, 'bad.yaml'), [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: two, selector: {matchLabels: {a: b}}, template: {spec: {containers: [{name: c, image: i}]}}}',
      'apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata: {name: t, labels: {strimzi.io/cluster: c}}\nspec: {partitions: 3, replicas: 1, partitionz: 6}',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}',
    ].join('\n---\n'));
    const { status, lines } = validator('validate-k8s.mjs', [dir]);
    expect(status).toBe(1);
    // kustomize orders resources by kind.
    expect([...lines[0].errors].sort()).toEqual([
      expect.stringMatching(/^Deployment\/d: .*replicas must be integer/),
      'KafkaTopic/t: /spec must NOT have additional properties (partitionz)',
      'Widget/w: no schema for example.com/v1 Widget',
    ]);
  });

  it('should declare every contract topic as a KafkaTopic exactly as libs/contracts/src/topics.ts has it (run `npm run gen:k8s` after changing a topic)', () => {
    expect(readFileSync(join(ROOT, TOPICS_FILE), 'utf8')).toBe(renderKafkaTopics(Object.values(TopicSpecs)));
    const production = render('k8s/overlays/production').filter((r) => r.kind === 'KafkaTopic');
    expect(production.map((t) => t.spec?.['topicName']).sort()).toEqual(Object.keys(TopicSpecs).sort());
    for (const t of production) {
      const spec = TopicSpecs[t.spec?.['topicName'] as TopicName];
      expect(t.spec).toMatchObject({ partitions: spec.partitions, replicas: 3, config: { 'cleanup.policy': spec.cleanupPolicy ?? 'delete' } });
      if (spec.cleanupPolicy !== 'compact') expect(t.spec).toMatchObject({ config: { 'retention.ms': spec.retentionMs } });
    }
    // One broker locally: one replica, or the topic operator could never create the topics.
    for (const t of render('k8s/overlays/local').filter((r) => r.kind === 'KafkaTopic')) expect(t.spec).toMatchObject({ replicas: 1, config: { 'min.insync.replicas': 1 } });
  });

  it.each([
    ['pharma-radar-classifier', ConsumerGroups.classifier],
    ['pharma-radar-notifier', ConsumerGroups.notifier],
  ])('should scale %s on its own group\'s lag, to at most the partitions of the topic it consumes', (name, group) => {
    for (const overlay of OVERLAYS) {
      const so = named<Resource & { spec: { minReplicaCount: number; maxReplicaCount: number; triggers: Array<{ metadata: Record<string, string> }> } }>(render(overlay), 'ScaledObject', name);
      const trigger = so.spec.triggers[0].metadata;
      expect(trigger['consumerGroup']).toBe(group);
      expect(so.spec.maxReplicaCount).toBeLessThanOrEqual(TopicSpecs[trigger['topic'] as TopicName].partitions);
      expect(so.spec.minReplicaCount).toBeLessThanOrEqual(so.spec.maxReplicaCount);
    }
  });

  it('should give the notifier every secret its config reads from the Secret, and no credential in a ConfigMap', () => {
    const sensitive = Object.entries({ ...commonEnv, ...notifierEnv, ...subscriptionsApiEnv }).filter(([, v]) => v.sensitive).map(([k]) => k);
    for (const overlay of OVERLAYS) {
      const resources = render(overlay);
      const notifier = named<Resource & { spec: { template: { spec: { containers: Array<{ env: Array<{ name: string; valueFrom?: { secretKeyRef?: { name: string } } }> }> } } } }>(resources, 'Deployment', 'pharma-radar-notifier');
      const fromSecret = notifier.spec.template.spec.containers[0].env.filter((e) => e.valueFrom?.secretKeyRef?.name === 'pharma-radar-secrets').map((e) => e.name);
      const config = named(resources, 'ConfigMap', 'pharma-radar-config').data ?? {};
      for (const name of sensitive) {
        // REDIS_URL is sensitive because it may carry a password; this deployment's carries none.
        if (name in config) expect(config[name]).not.toMatch(/\/\/[^/]*@/);
        else expect(fromSecret).toContain(name);
      }
    }
  });
});

describe('production configuration', () => {
  it('should list real https feeds only in config/feeds.json, the file the image, compose and Kubernetes read', () => {
    const feeds = (JSON.parse(readFileSync(join(ROOT, 'config/feeds.json'), 'utf8')) as { feeds: Array<{ id: string; url?: string; file?: string }> }).feeds;
    expect(feeds.length).toBeGreaterThan(0);
    expect(feeds.filter((f) => f.file || !f.url?.startsWith('https://') || /\.example(\/|$)/.test(new URL(f.url).hostname + '/') || f.id.startsWith('sample.'))).toEqual([]);
  });

  it('should point every deployment at the production feeds and ship no sample feed', () => {
    for (const overlay of OVERLAYS) {
      const resources = render(overlay);
      expect(named(resources, 'ConfigMap', 'pharma-radar-config').data?.['FEEDS_FILE']).toBe('config/feeds.json');
      expect(JSON.stringify(resources)).not.toMatch(/sample-feeds|demo-feeds|sample\./);
    }
    const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, { environment?: Record<string, string> }> };
    expect(compose.services['ingest'].environment?.['FEEDS_FILE']).toBe('config/feeds.json');
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^COPY .*config\/feeds\.json .*\.\/config\/$/m);
    expect(dockerfile).not.toMatch(/^COPY .*(sample-feeds|demo-feeds|config \.\/config)/m);
    expect(dockerfile).toMatch(/FEEDS_FILE=config\/feeds\.json/);
  });
});

describe('docker-compose.yml', () => {
  it('should be valid under the Compose spec schema and under Compose v1 (docker-compose config)', () => {
    const { status, lines } = validator('validate-compose.mjs');
    expect(lines[0].errors).toEqual([]);
    expect(status).toBe(0);
  });

  it('should reject a file Compose v1 cannot read', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bad-compose-')), 'docker-compose.yml');
    writeFileSync(file, 'name: x\nservices:\n  a:\n    image: busybox\n    restart: sometimes\n');
    const { status, lines } = validator('validate-compose.mjs', [file]);
    expect(status).toBe(1);
    expect(lines[0].errors).toEqual(expect.arrayContaining([expect.stringContaining('(name)'), expect.stringMatching(/^docker-compose config: /)]));
  });
});

// How soon a killed ingest replica's feeds are taken over, against the lease period.
//
//   npm run bench:ingest-takeover -- [--lease-ms 3000] [--trials 3] [--feeds 1000]
//
// Per trial: replica A in its own process (libs/ingest/service/test/replica.ts) and replica B here share --feeds
// feeds from the local feed server (tools/bench/ingest-feed-server.cjs, 127.0.0.1) through shard leases in the real
// Redis (a key prefix per trial, deleted afterwards). Once they hold half the shards each, A is killed with SIGKILL
// (no lease released) at a random point of its renewal cycle; printed: the time until B holds every shard (and so
// schedules A's feeds), as a share of the lease. Nothing is asserted.
const path = require('node:path');
const { fork } = require('node:child_process');
const { root } = require('../register-ts.cjs');
const { deletePrefix, numberOption, runBench } = require('./ingest-bench-util.cjs');

const opt = numberOption;
const LEASE_MS = opt('--lease-ms', 3_000);
const TRIALS = opt('--trials', 3);
const FEEDS = opt('--feeds', 1_000);
const SHARDS = 64;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(5);
  }
}

async function trial(n, modules) {
  const { FeedPoller, RedisStore, InMemoryBus, Redis } = modules;
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const prefix = `bench-takeover-${Date.now().toString(36)}-${n}:`;
  const server = fork(path.join(__dirname, 'ingest-feed-server.cjs'), [], { env: { ...process.env, BENCH_INTERVAL_S: '60' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise((resolve) => server.on('message', (m) => m.port && resolve(m.port)));
  const feeds = Array.from({ length: FEEDS }, (_, i) => ({ id: `f${i}`, url: `http://127.0.0.1:${port}/f/${i}` }));
  const config = (ua) => ({
    feeds, pollIntervalMs: 60_000, fetchArticles: false, allowPrivateHosts: [`127.0.0.1:${port}`], timeoutMs: 5_000, maxBytes: 100_000,
    dedupTtlSeconds: 3_600, userAgent: ua, concurrency: 8, redis: { url: redisUrl, keyPrefix: prefix }, leaseMs: LEASE_MS, leaseShards: SHARDS,
  });
  let heldA = [];
  const a = fork(path.join(root, 'libs/ingest/service/test/replica.ts'), [], {
    execArgv: ['-r', path.join(root, 'tools/register-ts.cjs')],
    env: { ...process.env, REPLICA_CONFIG: JSON.stringify(config('replica-a')) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  a.on('message', (m) => m.held && (heldA = m.held));
  await waitFor(() => heldA.length === SHARDS, 30_000);
  const store = new RedisStore(redisUrl, prefix);
  const b = new FeedPoller(config('replica-b'), new InMemoryBus(), store);
  await b.onApplicationBootstrap();
  await waitFor(() => b.heldShards().length === SHARDS / 2 && heldA.length === SHARDS / 2, 30_000);
  const shardsOfA = new Set(heldA);
  // A random point of A's renewal cycle.
  await sleep(Math.random() * LEASE_MS);
  const killedAt = performance.now();
  a.kill('SIGKILL');
  await waitFor(() => b.heldShards().length === SHARDS, 10 * LEASE_MS);
  const allShards = performance.now() - killedAt;
  await b.onApplicationShutdown();
  server.kill();
  await store.close();
  const redis = new Redis(redisUrl, { keyPrefix: prefix });
  await deletePrefix(redis, prefix);
  redis.disconnect();
  process.stdout.write(`  trial ${n + 1}: every shard of the killed replica (${shardsOfA.size}) held by the survivor ${allShards.toFixed(0)} ms after the kill (${(allShards / LEASE_MS).toFixed(2)}x the lease)\n`);
  return allShards;
}

async function main() {
  const pino = require('pino');
  const { configureLogging } = require(path.join(root, 'libs/platform/logging/src/index.ts'));
  configureLogging({ service: 'bench', level: 'error', destination: pino.destination({ dest: '/dev/null', sync: false }) });
  const modules = {
    Redis: require('ioredis'),
    ...require(path.join(root, 'libs/ingest/service/src/index.ts')),
    ...require(path.join(root, 'libs/platform/cache/src/index.ts')),
    ...require(path.join(root, 'libs/platform/messaging/src/index.ts')),
  };
  process.stdout.write(`ingest-takeover: 2 replicas, ${FEEDS} feeds, ${SHARDS} shards, lease ${LEASE_MS} ms, ${TRIALS} trials\n`);
  const times = [];
  for (let n = 0; n < TRIALS; n++) times.push(await trial(n, modules));
  process.stdout.write(`  worst ${Math.max(...times).toFixed(0)} ms = ${(Math.max(...times) / LEASE_MS).toFixed(2)}x the lease\n`);
}

runBench(main);

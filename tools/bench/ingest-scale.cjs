// One ingest replica polling many feeds from a local feed server, as deployed but on 127.0.0.1 only.
//
//   npm run bench:ingest-scale -- [--feeds 100000] [--interval 300] [--seconds 60] [--warmup 10]
//                                 [--change-every 20] [--concurrency 8] [--kafka] [--profile DIR]
//
// The feed server (tools/bench/ingest-feed-server.cjs) runs in a child process, so this process's CPU is the
// ingest's alone. Feed i's version changes once every `--change-every` poll intervals, so about 1 poll in 20 is a
// 200 with a new item and the rest are 304s. Every feed's validators (ETag) are seeded in Redis first, as after the
// first round of a running deployment (as fetched one interval ago, so about 1 in 20 polls finds a change), so the
// run measures the steady state rather than 100,000 first fetches.
// The poller is the real one (IngestModule through startService, RedisStore on the real Redis under a key prefix
// of its own, deleted afterwards); events go through the in-memory bus's publish (envelope encoded) and are then
// dropped, not kept in its log (Kafka throughput is measured by bench:service); with --kafka they go to the real
// broker in KAFKA_BROKERS through KafkaBus (topics suffixed for the run, deleted afterwards). Article pages are not fetched (INGEST_FETCH_ARTICLES=false):
// this measures the feed polls. Logs go to /dev/null at info level, so the cost of logging counts.
// Printed: fetches/s counted by the feed server over the measured window against the target feeds/interval,
// CPU as a share of one core (process.cpuUsage), peak RSS. --profile DIR writes a .cpuprofile of the window
// (node tools/bench/service/profile-summary.cjs FILE). Nothing is asserted.
const path = require('node:path');
const fs = require('node:fs');
const { fork } = require('node:child_process');
const { root } = require('../register-ts.cjs');
const { startProfiler, deletePrefix, numberOption, runBench } = require('./ingest-bench-util.cjs');

const args = process.argv.slice(2);
const opt = numberOption;
const FEEDS = opt('--feeds', 100_000);
const INTERVAL_S = opt('--interval', 300);
const SECONDS = opt('--seconds', 60);
const WARMUP_S = opt('--warmup', 10);
const CHANGE_EVERY = opt('--change-every', 20);
const CONCURRENCY = opt('--concurrency', 8);
const KAFKA = args.includes('--kafka');
const profileAt = args.indexOf('--profile');
const PROFILE_DIR = profileAt >= 0 ? path.resolve(args[profileAt + 1] ?? 'tmp/bench-profile') : null;

function gcHeap() {
  global.gc();
  return process.memoryUsage().heapUsed;
}

function startFeedServer(prefix) {
  const child = fork(path.join(__dirname, 'ingest-feed-server.cjs'), [], {
    env: { ...process.env, BENCH_INTERVAL_S: String(INTERVAL_S), BENCH_CHANGE_EVERY: String(CHANGE_EVERY), BENCH_FEEDS: String(FEEDS), BENCH_PREFIX: prefix },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let counts = { ok: 0, notModified: 0, other: 0 };
  return new Promise((resolve) => {
    child.on('message', (m) => {
      if (m.counts) counts = m.counts;
      if (!m.port) return;
      resolve({
      port: m.port,
      counts: () => ({ ...counts }),
      stop: () => new Promise((r) => {
        child.once('exit', r);
        child.send('stop');
      }),
      });
    });
  });
}

async function main() {
  const pino = require('pino');
  const { configureLogging } = require(path.join(root, 'libs/platform/logging/src/index.ts'));
  configureLogging({ service: 'bench', level: 'info', destination: pino.destination({ dest: '/dev/null', sync: false }) });
  const Redis = require('ioredis');
  const { RedisStore } = require(path.join(root, 'libs/platform/cache/src/index.ts'));
  const { InMemoryBus, KafkaBus } = require(path.join(root, 'libs/platform/messaging/src/index.ts'));
  const { startService } = require(path.join(root, 'libs/platform/bootstrap/src/index.ts'));
  const { IngestModule } = require(path.join(root, 'libs/ingest/service/src/index.ts'));

  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const prefix = `bench-ingest-${Date.now().toString(36)}:`;
  const server = await startFeedServer(prefix);
  const feeds = Array.from({ length: FEEDS }, (_, i) => ({ id: `f${i}`, url: `http://127.0.0.1:${server.port}/f/${i}` }));

  const redis = new Redis(redisUrl, { keyPrefix: prefix });
  let peakRss = 0;
  let windowPeakRss = 0;
  let inWindow = false;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);
    if (inWindow) windowPeakRss = Math.max(windowPeakRss, rss);
  }, 250);
  const rssBefore = process.memoryUsage().rss;
  const config = {
    feeds,
    pollIntervalMs: INTERVAL_S * 1000,
    fetchArticles: false,
    allowPrivateHosts: [`127.0.0.1:${server.port}`],
    timeoutMs: 15_000,
    maxBytes: 5_000_000,
    dedupTtlSeconds: 86_400,
    userAgent: 'PharmaRadar-bench',
    concurrency: CONCURRENCY,
    redis: { url: redisUrl, keyPrefix: prefix },
  };
  const infra = { kafka: null, redis: { url: redisUrl, keyPrefix: prefix }, logLevel: 'info', httpHost: '127.0.0.1' };
  // The embedded bus keeps every record for its consumers; here nobody consumes, so records are encoded as for
  // publishing and then dropped (counted), lest the bench measure the bus's log instead of the poller.
  let published = 0;
  class DiscardingBus extends InMemoryBus {
    async publishRaw() {
      published++;
    }
  }
  const run = prefix.slice(0, -1);
  let bus = new DiscardingBus();
  if (KAFKA) {
    if (!process.env.KAFKA_BROKERS) throw new Error('--kafka needs KAFKA_BROKERS (e.g. from tools/infra/kafka.sh env)');
    bus = new KafkaBus({ brokers: process.env.KAFKA_BROKERS.split(','), clientId: run, topicSuffix: `.${run}` });
    const publish = bus.publish.bind(bus);
    bus.publish = async (...a) => {
      await publish(...a);
      published++;
    };
  }
  const t0 = Date.now();
  const svc = await startService({ name: 'ingest', modules: [IngestModule.forRoot(config)], infra, http: { port: 0, host: '127.0.0.1' }, bus, store: new RedisStore(redisUrl, prefix) });
  process.stdout.write(`ingest-scale (${KAFKA ? 'KafkaBus, real broker' : 'in-memory bus, events dropped'}): ${FEEDS} feeds every ${INTERVAL_S} s (target ${(FEEDS / INTERVAL_S).toFixed(0)} fetches/s), 1 in ${CHANGE_EVERY} polls a 200; started in ${Date.now() - t0} ms; warm-up ${WARMUP_S} s, window ${SECONDS} s\n`);

  await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
  const c0 = server.counts();
  const rssAtWindow = process.memoryUsage().rss;
  inWindow = true;
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  const profiler = PROFILE_DIR ? await startProfiler() : null;
  let last = c0;
  const perSecond = [];
  const ticker = setInterval(() => {
    const c = server.counts();
    perSecond.push(c.ok + c.notModified + c.other - (last.ok + last.notModified + last.other));
    last = c;
  }, 1000);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  clearInterval(ticker);
  if (profiler) {
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    const file = path.join(PROFILE_DIR, `ingest-scale-${FEEDS}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(await profiler.stop()));
    process.stdout.write(`  profile: ${path.relative(process.cwd(), file)}\n`);
  }
  const wall = (performance.now() - w0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // The server reports its counts once a second: the last report inside the window is the count.
  const c1 = server.counts();
  const fetched = c1.ok + c1.notModified + c1.other - (c0.ok + c0.notModified + c0.other);
  const rate = fetched / wall;
  const target = FEEDS / INTERVAL_S;
  const sorted = [...perSecond].sort((a, b) => a - b);
  process.stdout.write(
    [
      `  fetches/s:   ${rate.toFixed(1)} (target ${target.toFixed(1)}; ${(rate / target).toFixed(2)}x) — 304: ${c1.notModified - c0.notModified}, 200: ${c1.ok - c0.ok}, other: ${c1.other - c0.other}; per second min ${sorted[0] ?? 0}, median ${sorted[Math.floor(sorted.length / 2)] ?? 0}`,
      `  published:   ${published} events (whole run)`,
      `  CPU:         ${(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(1)}% of one core (user ${(cpu.user / 1e6 / wall * 100).toFixed(1)}%, system ${(cpu.system / 1e6 / wall * 100).toFixed(1)}%)`,
      `  peak RSS:    ${(peakRss / 1024 / 1024).toFixed(0)} MB (limit 512 MB; in the window ${(windowPeakRss / 1024 / 1024).toFixed(0)} MB, at its start ${(rssAtWindow / 1024 / 1024).toFixed(0)} MB, before the service started ${(rssBefore / 1024 / 1024).toFixed(0)} MB); heap used now ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB${global.gc ? `, after a full GC ${(gcHeap() / 1024 / 1024).toFixed(0)} MB` : ''}`,
      '',
    ].join('\n'),
  );
  clearInterval(sampler);
  await svc.close();
  if (KAFKA) {
    const { Kafka, logLevel } = require('kafkajs');
    const admin = new Kafka({ brokers: process.env.KAFKA_BROKERS.split(','), clientId: `${run}-admin`, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.endsWith(`.${run}`));
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
  await server.stop();
  await deletePrefix(redis, prefix);
  redis.disconnect();
}

runBench(main);

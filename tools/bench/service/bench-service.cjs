// The classifier service against a plain kafkajs relay, on the real broker, in one run.
//
//   npm run bench:service -- [N] [--workers 0,1] [--prefill 20000] [--profile DIR]
//
// (a) relay: one kafkajs consumer (eachMessage) that sends every record on to a second topic (acks=all,
//     idempotent producer, as our bus does); (b) the classifier service through its real module and handler
//     (startService + ClassifierModule + KafkaBus + RedisStore) consuming the same N articles and publishing
//     classified/flagged events. Each rate is measured from the first handled record to the N-th, so group
//     joins do not count for either. With --prefill, the syndication index in Redis first gets that many
//     entries (as after weeks of operation) and the service runs again over it.
// The relay runs twice: one partition at a time (kafkajs's default) and with as many partitions at once as
// the service consumes (KafkaBus does); the service's ratio is printed against both.
// The service runs once per --workers size (classification worker threads, CLASSIFIER_WORKERS; default: 0, i.e. in
// the event loop, then the service's own default), all against the same relay rates.
// Per service run: CPU of this process (and of its event loop alone: the rest is worker threads), Redis and the
// broker per article (how close a 2-core machine is to saturation) and Redis commands per article. --profile DIR writes a .cpuprofile of each service run only
// (read it with profile-summary.cjs). The classifier is warmed on every source lead before anything is timed.
// Inputs: the real leads in ../shared/eval/*.jsonl minus the dev-2 holdout (its items are never read one by
// one), read at run time and repeated with distinct ids (and distinct content hashes, so nothing comes from
// the classification cache) up to N. Nothing is copied here.
// Kafka: KAFKA_BROKERS, else tools/infra/kafka.sh start. Redis: REDIS_URL, else redis://127.0.0.1:6379.
const path = require('node:path');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const os = require('node:os');
const inspector = require('node:inspector');
const { root } = require('../../register-ts.cjs');

const args = process.argv.slice(2);
const N = Number(args.find((a) => /^\d+$/.test(a)) ?? 5000);
const prefillAt = args.indexOf('--prefill');
const PREFILL = prefillAt >= 0 ? Number(args[prefillAt + 1] ?? 20000) : 0;
const profileAt = args.indexOf('--profile');
const PROFILE_DIR = profileAt >= 0 ? path.resolve(args[profileAt + 1] ?? 'tmp/bench-profile') : null;
const workersAt = args.indexOf('--workers');
const WORKERS = workersAt >= 0 ? String(args[workersAt + 1]).split(',').map(Number) : null;

function brokers() {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS.split(',').map((s) => s.trim());
  const script = path.join(root, 'tools/infra/kafka.sh');
  execFileSync('bash', [script, 'start'], { stdio: 'inherit' });
  const env = execFileSync('bash', [script, 'env'], { encoding: 'utf8' });
  return env.match(/KAFKA_BROKERS=(\S+)/)[1].split(',');
}

function leads() {
  const dir = path.join(root, '..', 'shared', 'eval');
  const holdout = new Set(JSON.parse(fs.readFileSync(path.join(root, 'libs/classifier/collaboration/src/eval/holdout-dev-2.json'), 'utf8')).ids);
  const out = [];
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line);
      if (f === 'dev-2.jsonl' && holdout.has(r.id)) continue;
      if (typeof r.title === 'string' && typeof r.text === 'string') out.push(r);
    }
  }
  return out;
}

async function main() {
  const { configureLogging } = require(path.join(root, 'libs/platform/logging/src/index.ts'));
  configureLogging({ service: 'bench', level: 'error' });
  const { Kafka, logLevel, Partitioners } = require('kafkajs');
  const { Topics, ConsumerGroups, TopicSpecs } = require(path.join(root, 'libs/contracts/src/index.ts'));
  const { KafkaBus, createEnvelope, encodeEnvelope } = require(path.join(root, 'libs/platform/messaging/src/index.ts'));
  const { RedisStore } = require(path.join(root, 'libs/platform/cache/src/index.ts'));
  const { startService } = require(path.join(root, 'libs/platform/bootstrap/src/index.ts'));
  const { ArticleClassifier, ClassifierModule, SyndicationStore, classifierConfig } = require(path.join(root, 'libs/classifier/service/src/index.ts'));
  const sizes = WORKERS ?? [...new Set([0, classifierConfig({ CLASSIFIER_WORKERS: 'auto' }).workers])];
  const { classify } = require(path.join(root, 'libs/classifier/collaboration/src/index.ts'));

  const kafkaBrokers = brokers();
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const run = `bench-${Date.now().toString(36)}`;
  const source = leads();
  const now = Date.now();
  const articles = Array.from({ length: N }, (_, i) => {
    const r = source[i % source.length];
    const round = Math.floor(i / source.length);
    // Copies of a lead in later rounds are dated a day apart per round: syndicated copies, then new news.
    const published = new Date(now - (10 - (round % 10)) * 86_400_000).toISOString();
    return {
      articleId: `${run}-${i}`, feedId: 'bench', feedTitle: r.source ?? 'bench', url: r.url ?? null, title: r.title, summary: null, text: r.text,
      authors: [], categories: [], publishedAt: published, fetchedAt: published, contentHash: `sha256:${run}-${i}`,
    };
  });
  const encoded = articles.map((a) => ({ key: a.articleId, ...encodeEnvelope(createEnvelope(Topics.articlesIngested, a)) }));
  process.stdout.write(`bench:service — ${N} articles from ${source.length} real leads (../shared/eval/*.jsonl without the dev-2 holdout), broker ${kafkaBrokers.join(',')}, redis ${redisUrl.replace(/\/\/.*@/, '//')}\n`);

  const kafka = new Kafka({ clientId: run, brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const partitions = TopicSpecs[Topics.articlesIngested].partitions;
  const seed = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await seed.connect();
  const fill = async (topic) => {
    for (let i = 0; i < encoded.length; i += 500) {
      await seed.send({ topic, acks: -1, messages: encoded.slice(i, i + 500).map((m) => ({ key: m.key, value: m.value, headers: m.headers })) });
    }
  };

  // (a) the plain relay
  const relayIn = `${run}.relay-in`;
  const relayOut = `${run}.relay-out`;
  await admin.createTopics({ waitForLeaders: true, topics: [relayIn, relayOut].map((topic) => ({ topic, numPartitions: partitions })) });
  await fill(relayIn);
  const relay = async (concurrency) => {
    const group = `${run}.relay-${concurrency}`;
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const consumer = kafka.consumer({ groupId: group });
    await consumer.connect();
    await consumer.subscribe({ topic: relayIn, fromBeginning: true });
    const timer = counter(N);
    await consumer.run({
      partitionsConsumedConcurrently: concurrency,
      eachMessage: async ({ message }) => {
        await producer.send({ topic: relayOut, acks: -1, messages: [{ key: message.key, value: message.value, headers: message.headers }] });
        timer.start();
        timer.tick();
      },
    });
    const rate = await timer.done;
    await consumer.disconnect();
    await producer.disconnect();
    return rate;
  };
  const relayRate = await relay(1);
  process.stdout.write(`  relay (kafkajs eachMessage -> send), 1 partition at a time  ${relayRate.toFixed(0).padStart(6)} msgs/s\n`);
  const relayConcurrentRate = await relay(partitions);
  process.stdout.write(`  relay, ${partitions} partitions at a time (as the service)        ${relayConcurrentRate.toFixed(0).padStart(6)} msgs/s\n`);

  // (b) the classifier service, fresh index; then (optionally) over a pre-filled one
  const serviceTopics = [];
  const serviceRun = async (label, suffix, prefix, workers) => {
    const cpu = await cpuMeter(redisUrl);
    let profiler = null;
    const timer = counter(N, () => {
      cpu.begin();
      if (PROFILE_DIR) profiler = startProfiler();
    });
    const bus = new KafkaBus({
      // A group of its own per run: a member of an earlier run still leaving would otherwise rebalance this one.
      brokers: kafkaBrokers, clientId: `${run}-classifier`, topicSuffix: suffix, groupIdSuffix: suffix, sessionTimeoutMs: 10_000,
      // A rebalance may hand a record over twice: count distinct records.
      onOutcome: (_o, r) => { timer.start(); timer.tick(`${r.partition}:${r.offset}`); },
    });
    await bus.start();
    await fill(Topics.articlesIngested + suffix);
    // Worker threads start cold: warmed as this thread was (every lead once per worker) before the service gets them.
    const classifier = new ArticleClassifier({ workers });
    await Promise.all(Array.from({ length: workers }, () => source.map((r) => classifier.classify({ title: r.title, text: r.text }))).flat());
    const commands = { n: 0 };
    const store = countingStore(new RedisStore(redisUrl, prefix), commands);
    const svc = await startService({
      name: 'classifier', modules: [{ module: ClassifierModule, providers: [{ provide: ArticleClassifier, useValue: classifier }] }], bus, store, topicSuffix: suffix, http: { port: 0, host: '127.0.0.1' },
      infra: { kafka: { brokers: kafkaBrokers, clientId: run }, redis: { url: redisUrl, keyPrefix: prefix }, logLevel: 'error', httpHost: '127.0.0.1' },
    });
    if (svc.app.get(ArticleClassifier) !== classifier || classifier.workers !== workers) throw new Error(`the service did not take the warmed classifier (${workers} workers)`);
    const rate = await timer.done;
    const used = await cpu.stop();
    if (profiler) {
      fs.mkdirSync(PROFILE_DIR, { recursive: true });
      const file = path.join(PROFILE_DIR, `service-${suffix.replace(/^\.bench-[^-]+-/, '')}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(await (await profiler).stop()));
      process.stdout.write(`  profile: ${path.relative(process.cwd(), file)} (node tools/bench/service/profile-summary.cjs ${path.relative(process.cwd(), file)} --per ${N})\n`);
    }
    const flagged = await countRecords(admin, Topics.collaborationsFlagged + suffix);
    const dead = await countRecords(admin, Topics.deadLetters + suffix).catch(() => 0);
    await svc.close();
    await classifier.onModuleDestroy();
    // Leave the broker and Redis as found: this run's keys go now, its topics at the end (after the seeding
    // producer, whose metadata refreshes would create a deleted topic again).
    serviceTopics.push(...Object.values(TopicSpecs).map((t) => t.name + suffix));
    await deleteKeys(redisUrl, prefix);
    const perArticle = (ms) => (ms === null ? '?' : ((ms * 1000) / N).toFixed(0));
    process.stdout.write(`  classifier service (${label})${' '.repeat(Math.max(1, 30 - label.length))}${rate.toFixed(0).padStart(6)} articles/s  ratio ${(rate / relayRate).toFixed(2)}x (${(rate / relayConcurrentRate).toFixed(2)}x the concurrent relay)  (${flagged} flags published, ${dead} dead letters)\n`);
    process.stdout.write(`    per article: ${(commands.n / N).toFixed(1)} redis calls; CPU µs: node ${perArticle(used.node)} (event loop ${perArticle(used.loop)}), redis ${perArticle(used.redis)}, broker ${perArticle(used.broker)}; machine busy ${used.busyPct}% of ${os.cpus().length} cores\n`);
    return rate;
  };
  // Warm: a service that has run for a minute has its classifier compiled; the relay has nothing to warm.
  // Every source lead once, in this process, before any run is timed (the results also fill the index below).
  const classified = source.map((r) => classify({ title: r.title, text: r.text }));
  for (const w of sizes) await serviceRun(`empty index, ${w} workers`, `.${run}-a${w}`, `${run}-a${w}:`, w);

  if (PREFILL > 0) {
    const prefix = `${run}-b:`;
    const store = new RedisStore(redisUrl, prefix);
    const syn = new SyndicationStore(store);
    const started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      for (let i = next++; i < PREFILL; i = next++) {
        const r = source[i % source.length];
        const c = classified[i % source.length];
        await syn.add({ id: `prefill-${i}`, title: r.title, text: r.text, parties: c.parties, published: new Date(now - (i % 7) * 86_400_000).toISOString(), eventType: c.event_type });
      }
    }));
    process.stdout.write(`  prefilled the syndication index with ${PREFILL} entries in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    await store.close();
    const w = sizes[sizes.length - 1];
    await serviceRun(`${PREFILL} in index, ${w} workers`, `.${run}-b`, prefix, w);
  }
  await seed.disconnect();
  await admin.deleteTopics({ topics: [relayIn, relayOut, ...serviceTopics] }).catch(() => undefined);
  await admin.disconnect();
}

async function deleteKeys(redisUrl, prefix) {
  const Redis = require('ioredis');
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Counts calls into the store (one call = one Redis round trip, or one pipeline/transaction). */
function countingStore(store, commands) {
  return new Proxy(store, {
    get(target, prop) {
      const v = Reflect.get(target, prop);
      if (typeof v !== 'function' || prop === 'close' || prop === 'ping') return v;
      return (...a) => {
        commands.n++;
        return v.apply(target, a);
      };
    },
  });
}

/** CPU time (ms) of this process, the Redis server and the broker between start and stop. */
async function cpuMeter(redisUrl) {
  const Redis = require('ioredis');
  const redis = new Redis(redisUrl, { lazyConnect: false });
  const redisCpu = async () => {
    const info = await redis.info('cpu').catch(() => '');
    const v = (k) => Number((info.match(new RegExp(`^${k}:([\\d.]+)`, 'm')) ?? [])[1]);
    const t = (v('used_cpu_sys') + v('used_cpu_user')) * 1000;
    return Number.isFinite(t) ? t : null;
  };
  const brokerPidFile = path.join(process.env.PHARMA_RADAR_INFRA_DIR ?? path.join(root, '.infra'), 'kafka', 'broker.pid');
  const brokerCpu = () => {
    try {
      const pid = fs.readFileSync(brokerPidFile, 'utf8').trim();
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
    } catch {
      return null;
    }
  };
  const machine = () => os.cpus().reduce((s, c) => ({ busy: s.busy + c.times.user + c.times.nice + c.times.sys + c.times.irq, all: s.all + c.times.user + c.times.nice + c.times.sys + c.times.irq + c.times.idle }), { busy: 0, all: 0 });
  let n0;
  let t0;
  let b0;
  let m0;
  let r0;
  return {
    /** Called at the first handled record, so startup and group joins do not count. */
    begin() {
      n0 = process.cpuUsage();
      t0 = process.threadCpuUsage();
      b0 = brokerCpu();
      m0 = machine();
      r0 = redisCpu();
    },
    async stop() {
      r0 = await r0;
      const n1 = process.cpuUsage(n0);
      const t1 = process.threadCpuUsage(t0);
      const [r1, b1, m1] = [await redisCpu(), brokerCpu(), machine()];
      redis.disconnect();
      const diff = (a, b) => (a === null || b === null ? null : b - a);
      return { node: (n1.user + n1.system) / 1000, loop: (t1.user + t1.system) / 1000, redis: diff(r0, r1), broker: diff(b0, b1), busyPct: ((100 * (m1.busy - m0.busy)) / Math.max(1, m1.all - m0.all)).toFixed(0) };
    },
  };
}

/** A CPU profile of this process from now until stop(), through the inspector (no restart needed). */
async function startProfiler() {
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = await post('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

/** First handled record starts the clock, the N-th stops it. */
function counter(n, onFirst = () => undefined) {
  let t0 = 0;
  const seen = new Set();
  let count = 0;
  let resolve;
  const done = new Promise((r) => (resolve = r));
  return {
    done,
    start() {
      if (t0) return;
      t0 = performance.now();
      onFirst();
    },
    tick(id) {
      if (id !== undefined) {
        if (seen.has(id)) return;
        seen.add(id);
      }
      count++;
      if (count === n) resolve(((n - 1) * 1000) / (performance.now() - t0));
    },
  };
}

async function countRecords(admin, topic) {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((s, p) => s + Number(p.high) - Number(p.low), 0);
}

// The ingest benches reuse startProfiler.
module.exports = { startProfiler };
if (require.main === module) {
  main().then(() => process.exit(0), (err) => {
    process.stderr.write(`bench:service failed: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
}

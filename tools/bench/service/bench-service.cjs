// The classifier service against a plain kafkajs relay, on the real broker, in one run.
//
//   npm run bench:service -- [N] [--prefill 20000]
//
// (a) relay: one kafkajs consumer (eachMessage) that sends every record on to a second topic (acks=all,
//     idempotent producer, as our bus does); (b) the classifier service through its real module and handler
//     (startService + ClassifierModule + KafkaBus + RedisStore) consuming the same N articles and publishing
//     classified/flagged events. Each rate is measured from the first handled record to the N-th, so group
//     joins do not count for either. With --prefill, the syndication index in Redis first gets that many
//     entries (as after weeks of operation) and the service runs again over it.
// Inputs: the real leads in ../shared/eval/*.jsonl, read at run time and repeated with distinct ids (and
// distinct content hashes, so nothing comes from the classification cache) up to N. Nothing is copied here.
// Kafka: KAFKA_BROKERS, else tools/infra/kafka.sh start. Redis: REDIS_URL, else redis://127.0.0.1:6379.
const path = require('node:path');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const { root } = require('../../../libs/classifier/collaboration/scripts/register-ts.cjs');

const args = process.argv.slice(2);
const N = Number(args.find((a) => /^\d+$/.test(a)) ?? 5000);
const prefillAt = args.indexOf('--prefill');
const PREFILL = prefillAt >= 0 ? Number(args[prefillAt + 1] ?? 20000) : 0;

function brokers() {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS.split(',').map((s) => s.trim());
  const script = path.join(root, 'tools/infra/kafka.sh');
  execFileSync('bash', [script, 'start'], { stdio: 'inherit' });
  const env = execFileSync('bash', [script, 'env'], { encoding: 'utf8' });
  return env.match(/KAFKA_BROKERS=(\S+)/)[1].split(',');
}

function leads() {
  const dir = path.join(root, '..', 'shared', 'eval');
  const out = [];
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line);
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
  const { ClassifierModule, SyndicationStore } = require(path.join(root, 'libs/classifier/service/src/index.ts'));
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
  process.stdout.write(`bench:service — ${N} articles from ${source.length} real leads (../shared/eval/*.jsonl), broker ${kafkaBrokers.join(',')}, redis ${redisUrl.replace(/\/\/.*@/, '//')}\n`);

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
  const relayRate = await (async () => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const consumer = kafka.consumer({ groupId: `${run}.relay` });
    await consumer.connect();
    await consumer.subscribe({ topic: relayIn, fromBeginning: true });
    const timer = counter(N);
    await consumer.run({
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
  })();
  process.stdout.write(`  relay (kafkajs eachMessage -> send)        ${relayRate.toFixed(0).padStart(6)} msgs/s\n`);

  // (b) the classifier service, fresh index; then (optionally) over a pre-filled one
  const serviceRun = async (label, suffix, prefix) => {
    const timer = counter(N);
    const bus = new KafkaBus({
      brokers: kafkaBrokers, clientId: `${run}-classifier`, topicSuffix: suffix, sessionTimeoutMs: 10_000,
      // A rebalance may hand a record over twice: count distinct records.
      onOutcome: (_o, r) => { timer.start(); timer.tick(`${r.partition}:${r.offset}`); },
    });
    await bus.start();
    await fill(Topics.articlesIngested + suffix);
    const store = new RedisStore(redisUrl, prefix);
    const svc = await startService({
      name: 'classifier', modules: [ClassifierModule], bus, store, topicSuffix: suffix, http: { port: 0, host: '127.0.0.1' },
      infra: { kafka: { brokers: kafkaBrokers, clientId: run }, redis: { url: redisUrl, keyPrefix: prefix }, logLevel: 'error', httpHost: '127.0.0.1' },
    });
    const rate = await timer.done;
    const flagged = await countRecords(admin, Topics.collaborationsFlagged + suffix);
    await svc.close();
    process.stdout.write(`  classifier service (${label})${' '.repeat(Math.max(1, 23 - label.length))}${rate.toFixed(0).padStart(6)} articles/s  ratio ${(rate / relayRate).toFixed(2)}x  (${flagged} flags published)\n`);
    return rate;
  };
  await serviceRun('empty index', `.${run}-a`, `${run}-a:`);

  if (PREFILL > 0) {
    const prefix = `${run}-b:`;
    const store = new RedisStore(redisUrl, prefix);
    const syn = new SyndicationStore(store);
    const started = performance.now();
    const classified = source.map((r) => classify({ title: r.title, text: r.text }));
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
    await serviceRun(`${PREFILL} entries in index`, `.${run}-b`, prefix);
  }
  await seed.disconnect();
  await admin.deleteTopics({ topics: [relayIn, relayOut] }).catch(() => undefined);
  await admin.disconnect();
}

/** First handled record starts the clock, the N-th stops it. */
function counter(n) {
  let t0 = 0;
  const seen = new Set();
  let count = 0;
  let resolve;
  const done = new Promise((r) => (resolve = r));
  return {
    done,
    start() { if (!t0) t0 = performance.now(); },
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

main().then(() => process.exit(0), (err) => {
  process.stderr.write(`bench:service failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});

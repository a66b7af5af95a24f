// The pieces every whole-system run here shares: the built apps as child processes, a private Kafka broker and a
// private in-memory Redis (their own ports and state, so stopping them touches nothing shared), local SMTP and
// Slack-like receivers, and a producer of articles.ingested records as ingest writes them.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { spawn, spawnSync, execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '../..');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** dist/ up to date with the sources (`tools/run.js --build` builds only when a source changed). */
function build() {
  const r = spawnSync(process.execPath, ['tools/run.js', '--build', 'apps/cli/src/main', 'help'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('build failed');
}

/** The repo's TypeScript, loadable from this script (SWC on require). */
function repo(modulePath) {
  require(path.join(root, 'tools/register-ts.cjs'));
  return require(path.join(root, modulePath));
}

/** A TCP port nothing listens on right now (the OS picks it). */
function freePort() {
  const net = require('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** kafka.sh with its own state folder and ports. */
function privateKafka(infraDir, port, controllerPort) {
  const run = (command) => execFileSync('bash', [path.join(root, 'tools/infra/kafka.sh'), command], {
    env: { ...process.env, PHARMA_RADAR_INFRA_DIR: infraDir, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(controllerPort) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { brokers: [`127.0.0.1:${port}`], start: () => run('start'), stop: () => run('stop') };
}

async function stopChild(child, signal = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(force);
}

/** A redis-server that keeps nothing on disk: restart() is "Redis emptied". */
function privateRedis(dir, port) {
  let child = null;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
    const Redis = require('ioredis');
    for (let i = 0; i < 100; i++) {
      const c = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      c.on('error', () => undefined); // refused while the server starts: the loop retries
      try {
        await c.connect();
        await c.ping();
        return;
      } catch {
        await sleep(100);
      } finally {
        c.disconnect();
      }
    }
    throw new Error(`redis-server did not answer on ${port}`);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop: () => stopChild(child, 'SIGTERM'),
    restartEmpty: async () => {
      await stopChild(child, 'SIGKILL');
      await start();
    },
  };
}

/** One built app as a child process; output appended to <logDir>/<app>.log. */
class Service {
  constructor(app, env, logDir) {
    this.app = app;
    this.env = env;
    this.log = fs.openSync(path.join(logDir, `${app}.log`), 'a');
    this.starts = 0;
  }

  start() {
    this.starts++;
    // SYSTEM_PROFILE_DIR: each process writes a .cpuprofile there when it stops (profile-summary.cjs reads it).
    const profile = process.env.SYSTEM_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SYSTEM_PROFILE_DIR}`, `--cpu-prof-name=${this.app}-${this.starts}.cpuprofile`] : [];
    this.child = spawn(process.execPath, [...profile, 'tools/run.js', `apps/${this.app}/src/main`], { cwd: root, env: { ...process.env, ...this.env }, stdio: ['ignore', this.log, this.log] });
  }

  kill() {
    return stopChild(this.child, 'SIGKILL');
  }

  stop() {
    return stopChild(this.child, 'SIGTERM');
  }
}

/** Creates the pipeline's topics as the apps would, and a producer of articles.ingested records. */
async function articleProducer(brokers, clientId) {
  const { Topics, TopicSpecs } = repo('libs/contracts/src/index.ts');
  const { createEnvelope, encodeEnvelope } = repo('libs/platform/messaging/src/index.ts');
  const { Kafka, logLevel, Partitioners } = require('kafkajs');
  const client = new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 30 } });
  const admin = client.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: Object.values(TopicSpecs).map((t) => ({ topic: t.name, numPartitions: t.partitions })) });
  await admin.disconnect();
  const producer = client.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner, retry: { retries: 30 } });
  await producer.connect();
  const record = ([id, lead]) => {
    const now = new Date().toISOString();
    const article = {
      articleId: id, feedId: 'system-run', feedTitle: 'System run wire', url: `https://news.example/${id}`, title: lead.title, summary: null, text: lead.text,
      authors: [], categories: [], publishedAt: now, fetchedAt: now, contentHash: `sha256:${id}`,
    };
    const m = encodeEnvelope(createEnvelope(Topics.articlesIngested, article));
    return { key: id, value: m.value, headers: m.headers };
  };
  return {
    /** Publishes articles as ingest does (each in its envelope, keyed by article id); resolves when the broker has them. */
    async publish(...items) {
      await producer.send({ topic: Topics.articlesIngested, acks: -1, messages: items.map(record) });
    },
    close: () => producer.disconnect(),
  };
}

/** Environment of the classifier and notifier apps for a run: two subscribers, one on Slack and one on email. */
function serviceEnv({ brokers, redisUrl, tmp, smtp, slack, extra = {} }) {
  const subscribersFile = path.join(tmp, 'subscribers.json');
  fs.writeFileSync(subscribersFile, JSON.stringify({
    subscribers: [
      { id: 'run-slack', name: 'Run Slack', channels: ['slack'], slackWebhookUrl: `${slack.url}/services/T0/B0/run`, watchlist: {}, active: true },
      { id: 'run-email', name: 'Run Email', channels: ['email'], email: 'bd-team@pharma.example', watchlist: {}, active: true },
    ],
  }));
  return {
    KAFKA_BROKERS: brokers.join(','), REDIS_URL: redisUrl, REDIS_KEY_PREFIX: 'run:', HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'warn',
    CLASSIFIER_HTTP_PORT: '0', NOTIFIER_HTTP_PORT: '0', SUBSCRIBERS_FILE: subscribersFile, SMTP_URL: smtp.url, SLACK_ALLOWED_WEBHOOK_PREFIXES: `${slack.url}/`,
    ...extra,
  };
}

/**
 * A whole system for one run: dist/ built, a private broker and Redis on free ports (so that runs side by side do
 * not meet), SMTP and Slack-like receivers, the classifier and notifier started with `extraEnv`,
 * and an article producer. stop() takes all of it down, whatever state the run left it in.
 */
async function startSystem(name, extraEnv = {}) {
  build();
  const os = require('node:os');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `pharma-radar-${name}-`));
  const { startSmtpServer, startHttpServer } = repo('libs/testing/src/index.ts');
  const kafka = privateKafka(path.join(tmp, 'infra'), await freePort(), await freePort());
  const redis = privateRedis(tmp, await freePort());
  const smtp = await startSmtpServer();
  const slack = await startHttpServer();
  const sys = { tmp, kafka, redis, smtp, slack, producer: null, classifier: null, notifier: null, closers: [] };
  sys.stop = async () => {
    for (const close of sys.closers.reverse()) await Promise.resolve().then(close).catch(() => undefined);
    await sys.producer?.close().catch(() => undefined);
    for (const s of [sys.classifier, sys.notifier]) await s?.stop().catch(() => undefined);
    await redis.stop().catch(() => undefined);
    try {
      kafka.stop();
    } catch {
      // already stopped
    }
    await smtp.close();
    await slack.close();
  };
  try {
    kafka.start();
    await redis.start();
    const env = serviceEnv({ brokers: kafka.brokers, redisUrl: redis.url, tmp, smtp, slack, extra: extraEnv });
    sys.classifier = new Service('classifier', env, tmp);
    sys.notifier = new Service('notifier', env, tmp);
    sys.producer = await articleProducer(kafka.brokers, name);
    return sys;
  } catch (err) {
    await sys.stop();
    throw err;
  }
}

module.exports = { root, sleep, repo, startSystem };

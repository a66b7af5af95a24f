// Delivery under failure, as an operator would try it: the classifier and the notifier run as separate processes
// (the built apps) on a private Kafka broker and a private in-memory Redis, with a local SMTP server and a local
// Slack-like receiver (tools/system/harness.cjs). Invented announcements (leads.cjs, one distinct collaboration
// each) go onto articles.ingested while the run kills and restarts things; at the end every delivery is counted
// per channel: expected (one per collaboration), delivered, lost, repeated.
//
//   node tools/system/delivery-chaos.cjs [--articles 60] [--scenario all|clean|restart|kill|redis|broker] [--json]
//
// Scenarios: clean (nothing fails); restart (the notifier stopped cleanly and started again 3 times mid-batch, the
// classifier twice: nothing may repeat); kill (SIGKILL the notifier 5 times mid-batch and the classifier twice, each
// restarted a second later); broker (the broker stopped for 3 s and started again); redis (the Redis server
// restarted empty, twice, each time followed by every article so far again, as ingest re-reads its feeds); all
// (kill, broker and redis, in that order, in one run). Broker and Redis take free ports. Exit code 0 when no alert was lost and repeats
// are at most one per channel per notifier kill (a send in flight at the kill), else 1.
'use strict';
const { sleep, startSystem } = require('./harness.cjs');
const { lead, companyIn } = require('./leads.cjs');

const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const ARTICLES = Number(opt('--articles', 60));
const SCENARIO = opt('--scenario', 'all');
const JSON_OUT = argv.includes('--json');
const SCENARIOS = ['all', 'clean', 'restart', 'kill', 'redis', 'broker'];
if (!SCENARIOS.includes(SCENARIO) || !Number.isInteger(ARTICLES) || ARTICLES < 1) {
  process.stderr.write(`usage: delivery-chaos.cjs [--articles N] [--scenario ${SCENARIOS.join('|')}] [--json]\n`);
  process.exit(2);
}
const t0 = Date.now();
const say = (m) => process.stderr.write(`[chaos +${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}\n`);

/** Per channel: each expected company once; anything more is a repeat. */
function tally(texts, expected) {
  const seen = new Map();
  for (const t of texts) {
    const c = companyIn(t);
    if (c) seen.set(c, (seen.get(c) ?? 0) + 1);
  }
  const delivered = expected.filter((c) => seen.has(c)).length;
  const repeated = [...seen.values()].reduce((s, n) => s + n - 1, 0);
  return { expected: expected.length, delivered, lost: expected.length - delivered, repeated, messages: texts.length };
}

async function main() {
  const sys = await startSystem('chaos', {
    // Short pacing and stall checks, so that a run takes minutes rather than the production settings' longer waits.
    NOTIFIER_SLACK_INTERVAL_MS: '100', NOTIFIER_STALLED_INTERVAL_MS: '5000', NOTIFIER_RETRY_BASE_MS: '500',
  });
  const { tmp, kafka, redis, smtp, slack, producer, classifier, notifier } = sys;
  try {
    classifier.start();
    notifier.start();
    say(`private broker ${kafka.brokers[0]}, ${redis.url}, smtp ${smtp.port}, slack ${slack.url}; logs in ${tmp}`);

    const run = Date.now().toString(36);
    const faults = [];
    const fault = async (label, fn) => {
      say(label);
      faults.push(label);
      await fn();
    };
    const want = (s) => SCENARIO === 'all' || SCENARIO === s;
    const chaos = async () => {
      await sleep(4_000);
      if (SCENARIO === 'restart') {
        // Clean restarts (SIGTERM: the process drains and commits) must repeat nothing at all.
        for (let k = 0; k < 3; k++) {
          await fault(`restart notifier (${k + 1}/3)`, () => notifier.stop());
          notifier.start();
          await sleep(5_000);
          if (k >= 2) continue;
          await fault(`restart classifier (${k + 1}/2)`, () => classifier.stop());
          classifier.start();
          await sleep(4_000);
        }
      }
      if (want('kill')) {
        for (let k = 0; k < 5; k++) {
          await fault(`kill -9 notifier (${k + 1}/5)`, () => notifier.kill());
          await sleep(1_000);
          notifier.start();
          await sleep(4_000);
          if (k >= 2) continue;
          await fault(`kill -9 classifier (${k + 1}/2)`, () => classifier.kill());
          await sleep(1_000);
          classifier.start();
          await sleep(3_000);
        }
      }
      if (want('broker')) {
        await fault('broker stop', async () => kafka.stop());
        await sleep(3_000);
        await fault('broker start', async () => kafka.start());
        await sleep(4_000);
      }
      if (want('redis')) {
        for (let k = 0; k < 2; k++) {
          await fault(`redis restarted empty (${k + 1}/2), then every article so far published again`, async () => {
            await redis.restartEmpty();
            // What ingest does once its record of seen items is gone: every item still in a feed comes again.
            for (let i = 0; i < published; i++) await producer.publish([`chaos-${run}-${i}`, lead(i)]);
          });
          await sleep(5_000);
        }
      }
    };

    // Articles at an even pace over the chaos window, so that faults land mid-batch.
    const window = { clean: 10_000, restart: 30_000, kill: 40_000, broker: 15_000, redis: 15_000, all: 70_000 }[SCENARIO];
    let published = 0;
    const producing = (async () => {
      for (let i = 0; i < ARTICLES; i++) {
        await producer.publish([`chaos-${run}-${i}`, lead(i)]);
        published = i + 1;
        await sleep(window / ARTICLES);
      }
      say(`${ARTICLES} articles published`);
    })();
    await Promise.all([producing, SCENARIO === 'clean' ? null : chaos()]);

    // Done when nothing new has arrived for a while: long enough for a stalled send to be picked up again.
    let last = -1;
    let quietSince = Date.now();
    for (const deadline = Date.now() + 600_000; Date.now() < deadline; await sleep(1_000)) {
      const n = smtp.messages.length + slack.requests.length;
      if (n !== last) {
        last = n;
        quietSince = Date.now();
      }
      if ((n >= 2 * ARTICLES && Date.now() - quietSince > 20_000) || Date.now() - quietSince > 90_000) break;
    }

    const expected = Array.from({ length: ARTICLES }, (_, i) => lead(i).company);
    const result = {
      scenario: SCENARIO, articles: ARTICLES, faults,
      slack: tally(slack.requests.map((r) => r.body), expected),
      email: tally(smtp.messages.map((m) => `${m.subject}\n${m.text}`), expected),
      restarts: { classifier: classifier.starts - 1, notifier: notifier.starts - 1 },
      logs: tmp,
    };
    if (JSON_OUT) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      process.stdout.write(`delivery chaos — scenario ${SCENARIO}, ${ARTICLES} collaborations, faults: ${faults.length ? faults.join('; ') : 'none'}\n`);
      for (const ch of ['slack', 'email']) {
        const r = result[ch];
        process.stdout.write(`  ${ch.padEnd(6)} expected ${r.expected}  delivered ${r.delivered}  lost ${r.lost}  repeated ${r.repeated}  (${r.messages} messages)\n`);
      }
      process.stdout.write(`  service logs: ${tmp}\n`);
    }
    const kills = faults.filter((f) => f.startsWith('kill -9 notifier')).length;
    process.exitCode = ['slack', 'email'].every((ch) => result[ch].lost === 0 && result[ch].repeated <= kills) ? 0 : 1;
  } finally {
    await sys.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`delivery-chaos: ${err.stack ?? err}\n`);
  process.exitCode = 1;
});

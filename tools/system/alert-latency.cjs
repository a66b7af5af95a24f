// Time from an article on Kafka to its alert handed over to the channel, at a steady article rate: the classifier
// and the notifier run as separate processes (the built apps) on a private broker and Redis (harness.cjs), with a
// local SMTP server and a local Slack-like receiver. One article in three is an invented collaboration (leads.cjs),
// the rest are ordinary items; each alert is traced back to its article by the company it names.
//
//   node tools/system/alert-latency.cjs [--rate 200] [--seconds 30] [--json]
//
// Latency is measured from just before the article's batch is sent to the broker to the moment the receiver has
// the whole alert. SYSTEM_PROFILE_DIR=<dir> leaves a .cpuprofile of each service there. Slack pacing is off for this run (it is a politeness rule per webhook, not pipeline latency; with
// it on, one webhook takes one alert per second by design). Goal (issue 10): p99 <= 500 ms at 200 articles/s.
'use strict';
const { sleep, repo, startSystem } = require('./harness.cjs');
const { lead, otherNews, companyIn } = require('./leads.cjs');

const argv = process.argv.slice(2);
const opt = (name, fallback) => Number(argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const RATE = opt('--rate', 200);
const SECONDS = opt('--seconds', 30);
const JSON_OUT = argv.includes('--json');
// Articles go out in small batches every TICK ms, as a busy ingest's publishes would.
const TICK = 50;

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};

async function main() {
  // 200 articles/s with a third of them collaborations and two subscribers who want everything is about 130 sends
  // a second. The service's default (32 in flight) is what is measured unless NOTIFIER_WORKER_CONCURRENCY says otherwise;
  // with 8 in flight the queue grows while every worker waits on a round trip.
  const concurrency = String(process.env.NOTIFIER_WORKER_CONCURRENCY ?? 32);
  const sys = await startSystem('latency', { NOTIFIER_SLACK_INTERVAL_MS: '0', NOTIFIER_WORKER_CONCURRENCY: concurrency });
  const { kafka, smtp, slack, producer, classifier, notifier } = sys;
  const arrivals = { flag: new Map(), slack: new Map(), email: new Map() };
  slack.setHandler((req, res) => {
    const c = companyIn(req.body);
    if (c && !arrivals.slack.has(c)) arrivals.slack.set(c, Date.now());
    res.statusCode = 200;
    res.end('ok');
  });
  // The SMTP receiver keeps no arrival time: new messages are stamped here within 10 ms of arrival.
  let mailSeen = 0;
  const mailClock = setInterval(() => {
    const now = Date.now();
    for (; mailSeen < smtp.messages.length; mailSeen++) {
      const m = smtp.messages[mailSeen];
      const c = companyIn(`${m.subject}\n${m.text}`);
      if (c && !arrivals.email.has(c)) arrivals.email.set(c, now);
    }
  }, 10);
  sys.closers.push(() => clearInterval(mailClock));
  try {
    // The classifier's share: when each collaboration's flag is on the broker (an observer group of its own).
    const { Kafka, logLevel } = require('kafkajs');
    const { Topics } = repo('libs/contracts/src/index.ts');
    const observer = new Kafka({ clientId: 'latency-observer', brokers: kafka.brokers, logLevel: logLevel.NOTHING }).consumer({ groupId: 'latency-observer' });
    sys.closers.push(() => observer.disconnect());
    await observer.connect();
    await observer.subscribe({ topic: Topics.collaborationsFlagged, fromBeginning: true });
    await observer.run({
      eachMessage: async ({ message }) => {
        const c = companyIn(message.value.toString());
        if (c && !arrivals.flag.has(c)) arrivals.flag.set(c, Date.now());
      },
    });
    classifier.start();
    notifier.start();

    // Warm-up: one collaboration through the whole pipeline, so group joins and first compiles are not timed.
    const run = Date.now().toString(36);
    const warm = lead(1_000_000);
    await producer.publish([`warm-${run}`, warm]);
    for (const deadline = Date.now() + 180_000; !(arrivals.slack.has(warm.company) && smtp.messages.length > 0); await sleep(200)) {
      if (Date.now() > deadline) throw new Error(`no alert for the warm-up article after 180 s; see the logs in ${sys.tmp}`);
    }
    process.stderr.write(`warm; publishing ${RATE} articles/s for ${SECONDS} s\n`);

    const sentAt = new Map();
    const total = RATE * SECONDS;
    const perTick = (RATE * TICK) / 1000;
    const started = Date.now();
    let i = 0;
    let behind = 0;
    while (i < total) {
      const due = Math.min(total, Math.floor(((Date.now() - started) / TICK + 1) * perTick));
      const batch = [];
      for (; i < due; i++) {
        const l = i % 3 === 0 ? lead(i) : otherNews(i);
        batch.push([`lat-${run}-${i}`, l]);
        if (i % 3 === 0) sentAt.set(l.company, 0);
      }
      const t = Date.now();
      for (const [, l] of batch) if (sentAt.has(l.company)) sentAt.set(l.company, t);
      if (batch.length) await producer.publish(...batch);
      const wait = started + Math.ceil(i / perTick) * TICK - Date.now();
      if (wait > 0) await sleep(wait);
      else behind++;
    }
    const publishSeconds = (Date.now() - started) / 1000;
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(500)) {
      if (arrivals.slack.size > sentAt.size && arrivals.email.size > sentAt.size) break;
    }

    const report = { rate: RATE, seconds: SECONDS, articles: total, collaborations: sentAt.size, publishSeconds, lateTicks: behind, channels: {} };
    for (const ch of ['flag', 'slack', 'email']) {
      const lat = [...sentAt].filter(([c]) => arrivals[ch].has(c)).map(([c, t]) => arrivals[ch].get(c) - t);
      report.channels[ch] = { delivered: lat.length, p50: quantile(lat, 0.5), p90: quantile(lat, 0.9), p99: quantile(lat, 0.99), max: Math.max(...lat) };
    }
    if (JSON_OUT) process.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      process.stdout.write(`alert latency — ${total} articles at ${RATE}/s (published in ${publishSeconds.toFixed(1)} s, ${behind} late ticks), ${sentAt.size} collaborations, NOTIFIER_WORKER_CONCURRENCY ${concurrency}\n`);
      for (const [ch, r] of Object.entries(report.channels)) {
        if (ch === 'flag') {
          process.stdout.write(`  flagged (classifier's share)  ${r.delivered}/${sentAt.size}  p50 ${r.p50} ms  p90 ${r.p90} ms  p99 ${r.p99} ms  max ${r.max} ms\n`);
          continue;
        }
        process.stdout.write(`  ${ch.padEnd(6)} delivered ${r.delivered}/${sentAt.size}  p50 ${r.p50} ms  p90 ${r.p90} ms  p99 ${r.p99} ms  max ${r.max} ms  (goal p99 <= 500 ms)\n`);
      }
    }
  } finally {
    await sys.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`alert-latency: ${err.stack ?? err}\n`);
  process.exitCode = 1;
});

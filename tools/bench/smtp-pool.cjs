// Emails per second through SmtpProvider against a local SMTP server (libs/testing), with a connection per send and
// with pooled connections, in the same run; then the same against a server that waits before its greeting.
//
//   npm run bench:smtp -- [--mails 200] [--in-flight 8] [--greeting-ms 100]
//
// Nothing is asserted: a ratio in one run, on 127.0.0.1 only.
'use strict';
const path = require('node:path');
const { root } = require('../register-ts.cjs');

const argv = process.argv.slice(2);
const opt = (name, fallback) => Number(argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const MAILS = opt('--mails', 200);
const IN_FLIGHT = opt('--in-flight', 8);
const GREETING_MS = opt('--greeting-ms', 100);

const { startSmtpServer, aFlag } = require(path.join(root, 'libs/testing/src/index.ts'));
const { SmtpProvider } = require(path.join(root, 'libs/notifier/channels/src/index.ts'));
const { alertModel } = require(path.join(root, 'libs/notifier/subscriptions/src/index.ts'));

async function rate(pool, greetingDelayMs) {
  const smtp = await startSmtpServer({ greetingDelayMs });
  const provider = new SmtpProvider({ smtpUrl: smtp.url, from: 'alerts@pharma-radar.example', ...(pool ? { pool: { maxConnections: pool } } : {}) });
  const message = { alert: alertModel(aFlag().build()), subject: '', text: '', html: '', slack: { text: '', blocks: [] } };
  let next = 0;
  const started = process.hrtime.bigint();
  try {
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (next < MAILS) {
        const k = next++;
        const r = await provider.send(message, { subscriberId: 'bench', email: `analyst-${k}@bd-team.example` });
        if (r.status !== 'sent') throw new Error(`mail ${k}: ${JSON.stringify(r)}`);
      }
    }));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { perSecond: MAILS / seconds, connections: smtp.connections };
  } finally {
    provider.close();
    await smtp.close();
  }
}

async function main() {
  process.stdout.write(`bench:smtp — ${MAILS} mails, ${IN_FLIGHT} in flight, local SMTP server\n`);
  for (const greeting of [0, GREETING_MS]) {
    const single = await rate(0, greeting);
    const pooled = await rate(5, greeting);
    process.stdout.write(`  greeting after ${greeting} ms: connection per send ${single.perSecond.toFixed(1)} mails/s (${single.connections} connections), `
      + `pool of 5 ${pooled.perSecond.toFixed(1)} mails/s (${pooled.connections} connections): ${(pooled.perSecond / single.perSecond).toFixed(1)}x\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`bench:smtp: ${err.stack ?? err}\n`);
  process.exitCode = 1;
});

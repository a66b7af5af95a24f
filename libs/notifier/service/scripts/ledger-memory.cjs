// Memory of the delivery ledger per N finished deliveries, before and after the retention sweep tombstones them, and
// the bytes compaction would keep on the topic for them. Measured, never asserted in a test.
// Usage: npx node --expose-gc libs/notifier/service/scripts/ledger-memory.cjs [--n 100000]
const path = require('node:path');
const { root } = require('../../../../tools/register-ts.cjs');
const { DeliveryLedger } = require(path.join(root, 'libs/notifier/service/src/delivery-ledger.ts'));
const { configureLogging } = require(path.join(root, 'libs/platform/logging/src/index.ts'));
const { aFlag } = require(path.join(root, 'libs/testing/src/factories.ts'));

if (typeof global.gc !== 'function') {
  process.stderr.write('run with node --expose-gc\n');
  process.exit(2);
}
configureLogging({ service: 'ledger-memory', level: 'silent' });
const argv = process.argv.slice(2);
const N = Number(argv.includes('--n') ? argv[argv.indexOf('--n') + 1] : 100_000);

/** A log that keeps nothing: what is measured is the ledger's own memory, not the log's. */
class CountingLog {
  kind = 'memory';
  offset = 0;
  bytes = new Map();
  async start() {}
  async stop() {}
  async append(key, value) {
    if (value === null) this.bytes.delete(key);
    else this.bytes.set(key, Buffer.byteLength(key) + Buffer.byteLength(value));
    return { partition: 0, offset: this.offset++ };
  }
}

function heap() {
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed;
}

async function main() {
  const log = new CountingLog();
  const ledger = new DeliveryLedger(log);
  await ledger.start();
  const flag = aFlag().build();
  const settled = Date.parse('2026-01-01T00:00:00Z');
  const base = heap();
  for (let i = 0; i < N; i += 1_000) {
    const writes = [];
    for (let j = i; j < Math.min(N, i + 1_000); j++) {
      const key = `delivery:v1:${encodeURIComponent(`tenant-${j % 50}.sub-${j % 997}`)}:email:${encodeURIComponent(`collab-${j}`)}`;
      const at = new Date(settled + j).toISOString();
      writes.push(ledger.record({
        key, kind: 'alert', state: 'sent', attempts: 1, code: null, reason: null, at, subscriberId: `tenant-${j % 50}.sub-${j % 997}`,
        channel: 'email', collaborationId: `collab-${j}`, periodKey: null, notBefore: at, flag: { ...flag, collaborationId: `collab-${j}` },
      }));
    }
    await Promise.all(writes);
  }
  const full = heap();
  const topicBytes = [...log.bytes.values()].reduce((a, b) => a + b, 0);
  const swept = await ledger.sweep(settled + N + 1, N);
  const after = heap();
  const mb = (b) => (b / 1_048_576).toFixed(1);
  console.log(JSON.stringify({
    deliveries: N,
    heapBeforeSweepMB: mb(full - base),
    bytesPerFinishedDelivery: Math.round((full - base) / N),
    swept,
    entriesLeft: ledger.size,
    heapAfterSweepMB: mb(after - base),
    topicBytesKeptByCompactionMB: mb(topicBytes),
    topicBytesAfterTombstonesMB: mb([...log.bytes.values()].reduce((a, b) => a + b, 0)),
  }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

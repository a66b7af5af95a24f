// Redis bytes per remembered item of ingest's "seen" memory, on the real Redis under a key prefix of its own.
//
//   npm run bench:ingest-memory -- [--items 200000] [--buckets 2048] [--legacy-items 50000]
//
// Remembers --items distinct item keys through RedisSeenStore (the compact store the ingest service uses with Redis:
// 8-byte hashes in per-day bucketed hashes; --buckets is INGEST_SEEN_BUCKETS, default items / 100) and, for
// comparison, --legacy-items through the one-key-per-item store (KeyValueSeenStore on RedisStore, what the service
// wrote before and what the embedded store still does). Bytes per item two ways: the sum of MEMORY USAGE over the
// prefix's keys (key, value and their allocations; not the expiry entry), and the growth of INFO used_memory (all of
// it, expiry dict included; noisy when other clients write to the same Redis meanwhile). Keys are deleted afterwards.
// Nothing is asserted.
const path = require('node:path');
const { root } = require('../register-ts.cjs');
const { deletePrefix, numberOption, runBench } = require('./ingest-bench-util.cjs');

const opt = numberOption;
const ITEMS = opt('--items', 200_000);
const BUCKETS = opt('--buckets', Math.max(1, Math.round(ITEMS / 100)));
const LEGACY = opt('--legacy-items', 50_000);

async function usedMemory(redis) {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))[1]);
}

async function memoryUsage(redis, prefix) {
  let cursor = '0';
  let bytes = 0;
  let keys = 0;
  const encodings = {};
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5000);
    cursor = next;
    const p = redis.pipeline();
    for (const k of found) p.memory('USAGE', k, 'SAMPLES', 0).object('ENCODING', k);
    const res = (await p.exec()) ?? [];
    for (let i = 0; i < res.length; i += 2) {
      bytes += Number(res[i][1]);
      encodings[res[i + 1][1]] = (encodings[res[i + 1][1]] ?? 0) + 1;
    }
    keys += found.length;
  } while (cursor !== '0');
  return { bytes, keys, encodings };
}

async function measure(label, n, prefix, raw, remember) {
  const before = await usedMemory(raw);
  const t0 = performance.now();
  for (let i = 0; i < n; i += 1_000) await remember(Array.from({ length: Math.min(1_000, n - i) }, (_, j) => `bench-item-${i + j}`));
  const ms = performance.now() - t0;
  const after = await usedMemory(raw);
  const usage = await memoryUsage(raw, prefix);
  const enc = Object.entries(usage.encodings).map(([e, c]) => `${c} ${e}`).join(', ');
  process.stdout.write(
    `  ${label.padEnd(34)} ${String(n).padStart(8)} items in ${String(usage.keys).padStart(7)} keys (${enc}): ` +
      `MEMORY USAGE ${(usage.bytes / n).toFixed(1)} B/item, used_memory growth ${((after - before) / n).toFixed(1)} B/item; ${(n / (ms / 1000)).toFixed(0)} items/s written\n`,
  );
  return usage.bytes / n;
}

async function main() {
  const Redis = require('ioredis');
  const { RedisStore } = require(path.join(root, 'libs/platform/cache/src/index.ts'));
  const { RedisSeenStore, KeyValueSeenStore } = require(path.join(root, 'libs/ingest/service/src/index.ts'));
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const raw = new Redis(redisUrl);
  const [, listpack] = await raw.config('GET', 'hash-max-listpack-entries');
  const ttl = 30 * 86_400;
  process.stdout.write(`ingest-memory: Redis bytes per remembered item (goal <= 32); hash-max-listpack-entries ${listpack}, ${BUCKETS} buckets (${(ITEMS / BUCKETS).toFixed(0)} items each)\n`);

  const run = Date.now().toString(36);
  const compactPrefix = `bench-seen-${run}:`;
  const client = new Redis(redisUrl, { keyPrefix: compactPrefix });
  const compact = new RedisSeenStore(client, ttl, BUCKETS);
  const perItem = await measure('compact (RedisSeenStore)', ITEMS, compactPrefix, raw, (keys) => compact.remember(keys));
  const check = await compact.seenAmong(['bench-item-0', `bench-item-${ITEMS - 1}`, 'never-remembered']);
  await deletePrefix(client, compactPrefix);
  client.disconnect();

  const legacyPrefix = `bench-seen-legacy-${run}:`;
  const store = new RedisStore(redisUrl, legacyPrefix);
  const legacy = new KeyValueSeenStore(store, ttl);
  const legacyPerItem = await measure('one key per item (KeyValueSeenStore)', LEGACY, legacyPrefix, raw, (keys) => legacy.remember(keys));
  const legacyClient = new Redis(redisUrl, { keyPrefix: legacyPrefix });
  await deletePrefix(legacyClient, legacyPrefix);
  legacyClient.disconnect();
  await store.close();

  process.stdout.write(`  compact / one key per item: ${(perItem / legacyPerItem).toFixed(2)}x the bytes; lookups answered ${[...check].sort().join(', ')} (expected bench-item-0 and the last)\n`);
  raw.disconnect();
}

runBench(main);

// Shared by the ingest benches: a CPU profile of a window (bench:service's), and deleting a bench's Redis key prefix.
const { startProfiler } = require('./service/bench-service.cjs');

/** Deletes every key under `prefix` (the client's own keyPrefix is not applied to SCAN's pattern). */
async function deletePrefix(redis, prefix) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5000);
    cursor = next;
    // The client prefixes DEL's arguments itself, so the scanned names lose theirs first.
    if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length)));
  } while (cursor !== '0');
}

module.exports = { startProfiler, deletePrefix };

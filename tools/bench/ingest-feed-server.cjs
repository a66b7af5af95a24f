// The feed server of bench:ingest-scale, run as a child process so the ingest process's CPU is measured alone.
// Listens on 127.0.0.1 only. /f/<i> is feed i: its version changes once every CHANGE_EVERY poll intervals (at a
// per-feed phase), so about 1/CHANGE_EVERY of conditional GETs get a 200 with a new item and the rest a 304.
// Reports request counts to the parent every second over IPC ({ ok, notModified, other }). With BENCH_FEEDS and
// BENCH_PREFIX it first seeds the feeds' validators in Redis.
const http = require('node:http');

const intervalS = Number(process.env.BENCH_INTERVAL_S ?? 300);
const changeEvery = Number(process.env.BENCH_CHANGE_EVERY ?? 20);
const period = intervalS * changeEvery;
const counts = { ok: 0, notModified: 0, other: 0 };

/** Feed i's version at unix second t; the bench seeds validators with the same function. */
function version(i, t) {
  return Math.floor((t + ((i * 7919) % period)) / period);
}

function rss(i, v, base) {
  const items = [v, v - 1, v - 2]
    .map((n) => `<item><title>Feed ${i} story ${n}: a licensing deal for compound ${i}-${n}</title><link>${base}/a/${i}/${n}</link><guid>${base}/a/${i}/${n}</guid><pubDate>${new Date((n * period - ((i * 7919) % period)) * 1000).toUTCString()}</pubDate><description>Story ${n} of feed ${i}.</description></item>`)
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Bench feed ${i}</title><link>${base}/</link>${items}</channel></rss>`;
}

if (require.main !== module) {
  module.exports = { version };
  return;
}

const server = http.createServer((req, res) => {
  const m = /^\/f\/(\d+)$/.exec(req.url ?? '');
  if (!m) {
    counts.other++;
    res.statusCode = 404;
    res.end();
    return;
  }
  const i = Number(m[1]);
  const v = version(i, Math.floor(Date.now() / 1000));
  const etag = `"${i}-${v}"`;
  if (req.headers['if-none-match'] === etag) {
    counts.notModified++;
    res.statusCode = 304;
    res.setHeader('etag', etag);
    res.end();
    return;
  }
  counts.ok++;
  res.statusCode = 200;
  res.setHeader('etag', etag);
  res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
  res.end(rss(i, v, `http://127.0.0.1:${server.address().port}`));
});
server.keepAliveTimeout = 30_000;

// Seeds every feed's validators in Redis (as fetched one interval ago) before listening, here rather than in the
// bench process so that the ingest process's memory is the service's own.
async function seed() {
  const feeds = Number(process.env.BENCH_FEEDS ?? 0);
  if (!feeds || !process.env.BENCH_PREFIX) return;
  const Redis = require('ioredis');
  const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379', { keyPrefix: process.env.BENCH_PREFIX });
  const at = Math.floor(Date.now() / 1000) - intervalS;
  for (let i = 0; i < feeds; i += 5_000) {
    const p = redis.pipeline();
    for (let j = i; j < Math.min(feeds, i + 5_000); j++) p.set(`feed-http:f${j}`, JSON.stringify({ etag: `"${j}-${version(j, at)}"` }), 'EX', 86_400);
    await p.exec();
  }
  redis.disconnect();
}

seed().then(() => server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port })));
const tick = setInterval(() => process.send({ counts }), 1000);
process.on('message', (m) => {
  if (m === 'stop') {
    clearInterval(tick);
    process.send({ counts }, () => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));

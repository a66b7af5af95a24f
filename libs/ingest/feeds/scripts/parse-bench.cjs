// Parse + normalise (parseFeed) against a bare streaming XML parse (saxes, no objects built) of the same bytes, in the
// same run: ratio = saxes time / our time per round, the median of the rounds and their spread (goal >= 0.5: at most
// twice the cost of reading the XML at all). Then the hostile bodies of issue 11 (5 MB of &#65;, floods of plain
// elements): time and what the parser cut. Never asserted in a test.
// Usage: npm run bench:parse -- [--runs R] [--corpus ../shared/corpus]
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { root } = require('../../../../tools/register-ts.cjs');
const { SaxesParser } = require('saxes');
const { parseFeed } = require(path.join(root, 'libs/ingest/feeds/src/index.ts'));

const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const RUNS = Number(opt('--runs', 5));
const CORPUS = path.resolve(root, opt('--corpus', '../shared/corpus'));

function files(dir, test) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(full, test));
    else if (test(e.name)) out.push(full);
  }
  return out.sort();
}

const XML = (n) => /\.(xml|rss|atom)$/.test(n);
const sets = [
  ['our fixtures', [...files(path.join(root, 'libs/ingest/feeds/src/__fixtures__'), XML), ...files(path.join(root, 'config/sample-feeds'), XML)]],
  // Real publishers' feeds, read in place (never copied into the repo).
  ['real-world feeds', [...files(path.join(CORPUS, 'rowanmanning-sample-feeds/real-world'), (n) => n === 'feed.xml'), ...files(path.join(CORPUS, 'rss-parser-fixtures/input'), XML)]],
].filter(([, list]) => list.length > 0);

function sax(bytes) {
  const p = new SaxesParser();
  let events = 0;
  p.on('opentag', () => events++);
  p.on('text', () => events++);
  p.on('cdata', () => events++);
  try {
    p.write(new TextDecoder().decode(bytes)).close();
    return true;
  } catch {
    return false; // not well-formed for a strict parser: it stopped early, which only flatters saxes
  }
}

async function ours(bytes) {
  const r = await parseFeed(bytes, { maxItems: 10_000 });
  return r.ok;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cpuMs = (u) => (u.user + u.system) / 1000;

/**
 * RUNS rounds after one warm-up. Within a round saxes and parseFeed take turns file by file, and the ratio is taken
 * per round: load on a shared machine that comes and goes weighs on both sides of it alike. Wall time is what the goal
 * is about; CPU time (process.cpuUsage) is printed beside it, as it moves less when other processes share the cores.
 */
async function compare(bodies) {
  const saxRuns = [], ourRuns = [], ratios = [], cpuRatios = [];
  for (let k = 0; k <= RUNS; k++) {
    let tSax = 0, tOurs = 0, cSax = 0, cOurs = 0;
    for (const b of bodies) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      sax(b);
      const t1 = performance.now();
      const c1 = process.cpuUsage();
      await ours(b);
      tOurs += performance.now() - t1;
      cOurs += cpuMs(process.cpuUsage(c1));
      tSax += t1 - t0;
      cSax += cpuMs(c1) - cpuMs(c0);
    }
    if (k === 0) continue; // the first round warms up
    saxRuns.push(tSax);
    ourRuns.push(tOurs);
    ratios.push(tSax / tOurs);
    cpuRatios.push(cSax / cOurs);
  }
  return { tSax: median(saxRuns), tOurs: median(ourRuns), ratio: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios), cpu: median(cpuRatios) };
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;

(async () => {
  console.log(`parse + normalise vs saxes, median of ${RUNS} rounds (node ${process.version})`);
  for (const [name, list] of sets) {
    const bodies = list.map((f) => new Uint8Array(fs.readFileSync(f)));
    const bytes = bodies.reduce((n, b) => n + b.length, 0);
    let okOurs = 0, okSax = 0;
    for (const b of bodies) {
      if (await ours(b)) okOurs++;
      if (sax(b)) okSax++;
    }
    const { tSax, tOurs, ratio, low, high, cpu } = await compare(bodies);
    console.log(
      `${name}: ${bodies.length} files, ${(bytes / 1e6).toFixed(2)} MB | saxes ${fmt(tSax)} (${okSax} well-formed) | parseFeed ${fmt(tOurs)} (${okOurs} parsed) | ratio ${ratio.toFixed(2)}x (rounds ${low.toFixed(2)}-${high.toFixed(2)}; CPU time ${cpu.toFixed(2)}x)`,
    );
  }

  const rss = (body) => `<rss version="2.0"><channel><title>t</title><item><title>x</title><link>https://a.example/1</link>${body}</item><item><title>y</title><link>https://a.example/2</link></item></channel></rss>`;
  const hostile = [
    ['5 MB of &#65; in a description', rss(`<description>${'&#65;'.repeat(1_000_000)}</description>`)],
    ['5 MB of &lt; in a guid', rss(`<guid>${'&lt;'.repeat(1_250_000)}</guid>`)],
    ['5 MB of bare & in a description', rss(`<description>${'&a'.repeat(2_500_000)}</description>`)],
    ['5 MB flood of plain elements', rss('<a>b</a>'.repeat(625_000))],
    ['5 MB flood of markup in a description', rss(`<description>${'<p>b</p>'.repeat(625_000)}</description>`)],
    ['100,000 items', `<rss version="2.0"><channel><title>t</title>${Array.from({ length: 100_000 }, (_, i) => `<item><title>t${i}</title><link>https://a.example/${i}</link></item>`).join('')}</channel></rss>`],
  ];
  console.log('hostile bodies (one parse each, on the event loop):');
  for (const [name, body] of hostile) {
    const bytes = Buffer.from(body);
    global.gc?.();
    const heap = process.memoryUsage().heapUsed;
    const t = performance.now();
    const r = await parseFeed(new Uint8Array(bytes));
    const ms = performance.now() - t;
    const grew = (process.memoryUsage().heapUsed - heap) / 1e6;
    const tSax = performance.now();
    sax(bytes);
    const msSax = performance.now() - tSax;
    const what = r.ok ? `${r.items.length} items; ${r.warnings.filter((w) => /cut|dropped|beyond/.test(w)).join('; ') || 'nothing cut'}` : r.error.code;
    console.log(`  ${name} (${(bytes.length / 1e6).toFixed(1)} MB): parseFeed ${fmt(ms)}, heap +${grew.toFixed(0)} MB | saxes ${fmt(msSax)} | ${what}`);
  }
})();

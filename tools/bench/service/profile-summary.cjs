// Self time of a V8 .cpuprofile, summed by area (classifier, zod, kafkajs, ioredis, ...) and by function.
//
//   node tools/bench/service/profile-summary.cjs <file.cpuprofile> [--per N] [--top 25]
//
// --per N divides every total by N (the articles handled while profiling) to print microseconds per article.
// --phases attributes each sample to the innermost frame of the service's own steps (classify, the
// classification cache, the syndication store, decode, publish, ...), so the Redis and Kafka client work a step
// starts synchronously counts for that step; what runs on socket callbacks (replies, fetches) stays by library.
// --callers NAME shows which call paths a function's self time comes from (e.g. a native like writeUtf8String).
const fs = require('node:fs');

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !/^\d+$/.test(a) && args[i - 1] !== '--callers');
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const per = opt('--per', 0);
const top = opt('--top', 25);
const callersAt = args.indexOf('--callers');
const callersOf = callersAt >= 0 ? args[callersAt + 1] : null;
if (!file) {
  process.stderr.write('usage: profile-summary.cjs <file.cpuprofile> [--per N] [--top 25]\n');
  process.exit(2);
}

const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
// Sample i lasted timeDeltas[i + 1] (V8 records the gap before the next sample).
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
}

// First match wins: the most specific areas come first.
const AREAS = [
  ['idle', (f, u) => f === '(idle)' && !u],
  ['gc', (f, u) => f === '(garbage collector)' && !u],
  ['program (native, unattributed)', (f, u) => f === '(program)' && !u],
  ['classifier: syndication (minhash, join)', (_f, u) => /classifier\/collaboration\/src\/syndication\//.test(u)],
  ['classifier: classify()', (_f, u) => /classifier\/collaboration\//.test(u)],
  ['classifier service (handler, syndication store)', (_f, u) => /classifier\/service\//.test(u)],
  ['zod (envelope / cache validation)', (_f, u) => /node_modules\/zod\//.test(u)],
  ['contracts', (_f, u) => /libs\/contracts\//.test(u)],
  ['kafkajs', (_f, u) => /node_modules\/kafkajs\//.test(u)],
  ['ioredis / redis parser', (_f, u) => /node_modules\/(ioredis|redis-parser|@ioredis|denque|cluster-key-slot)\//.test(u)],
  ['messaging lib', (_f, u) => /platform\/messaging\//.test(u)],
  ['cache lib', (_f, u) => /platform\/cache\//.test(u)],
  ['logging (pino, lib)', (_f, u) => /platform\/logging\/|node_modules\/(pino|sonic-boom|thread-stream)/.test(u)],
  ['nest / rxjs', (_f, u) => /node_modules\/(@nestjs|rxjs)\//.test(u)],
  ['bench script', (_f, u) => /tools\/bench\//.test(u)],
  ['other node_modules', (_f, u) => /node_modules\//.test(u)],
  ['node internals (net, streams, timers)', (_f, u) => /^node:/.test(u) || u.startsWith('internal/')],
  ['native / builtins (JSON, RegExp, Buffer)', (_f, u) => !u],
  ['other', () => true],
];

const areas = new Map();
const fns = new Map();
let total = 0;
for (const [id, t] of self) {
  const n = byId.get(id);
  const f = n.callFrame.functionName || '(anonymous)';
  const u = (n.callFrame.url || '').replace(/^file:\/\//, '');
  const area = AREAS.find(([, test]) => test(f, u))[0];
  areas.set(area, (areas.get(area) ?? 0) + t);
  const short = u.replace(/^.*?\/(node_modules\/|libs\/|tools\/)/, '$1');
  const key = `${f}  ${short}${u ? `:${n.callFrame.lineNumber + 1}` : ''}`;
  fns.set(key, (fns.get(key) ?? 0) + t);
  total += t;
}

const busy = total - (areas.get('idle') ?? 0);
const fmt = (us) => (per ? `${(us / per).toFixed(0).padStart(7)} µs/article` : `${(us / 1000).toFixed(0).padStart(7)} ms`);
const pct = (us) => `${((100 * us) / busy).toFixed(1).padStart(5)}% of busy`;
process.stdout.write(`${file}: ${(total / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s busy${per ? `, ${per} articles` : ''}\n\nby area\n`);
for (const [a, t] of [...areas].sort((x, y) => y[1] - x[1])) process.stdout.write(`  ${fmt(t)}  ${a === 'idle' ? '          ' : pct(t)}  ${a}\n`);
process.stdout.write(`\ntop ${top} functions (self time)\n`);
for (const [k, t] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, top)) process.stdout.write(`  ${fmt(t)}  ${pct(t)}  ${k}\n`);

if (callersOf) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const paths = new Map();
  for (const [id, t] of self) {
    if (byId.get(id).callFrame.functionName !== callersOf) continue;
    const frames = [];
    for (let p = parent.get(id); p !== undefined && frames.length < 14; p = parent.get(p)) {
      const f = byId.get(p).callFrame;
      frames.push(`${f.functionName || '(anonymous)'}@${(f.url || '').replace(/^.*\//, '')}:${f.lineNumber + 1}`);
    }
    const k = frames.join(' < ');
    paths.set(k, (paths.get(k) ?? 0) + t);
  }
  process.stdout.write(`\ncallers of ${callersOf}\n`);
  for (const [k, t] of [...paths].sort((x, y) => y[1] - x[1]).slice(0, top)) process.stdout.write(`  ${fmt(t)}  ${k}\n`);
}

if (args.includes('--phases')) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const STEPS = [
    ['classify() (pure)', (f, u) => /classifier\/collaboration\/src\//.test(u) && !/\/syndication\//.test(u)],
    ['syndication: pure (minhash, join)', (_f, u) => /classifier\/collaboration\/src\/syndication\//.test(u)],
    ['syndication store (Redis calls, parse)', (_f, u) => /classifier\/service\/src\/syndication-store/.test(u)],
    ['flag bookkeeping (cluster: flagged-article, rev)', (f, u) => f === 'cluster' && /classification\.handler/.test(u)],
    ['classification cache (get, set, safeParse)', (f, u) => f === 'classifyCached' && /classification\.handler/.test(u)],
    ['publish (envelope, JSON, send queue)', (f, u) => /platform\/messaging\/src\/(envelope|send-queue)/.test(u) || (f === 'publish' && /kafka-bus/.test(u))],
    ['decode (JSON.parse + zod)', (f, u) => f === 'decode' && /processing/.test(u)],
    ['logging', (_f, u) => /platform\/logging\/|node_modules\/pino/.test(u)],
    ['handler (rest)', (_f, u) => /classification\.handler/.test(u)],
    ['processRecord / heartbeat timer', (_f, u) => /platform\/messaging\/src\/(processing|kafka-bus)/.test(u)],
  ];
  const steps = new Map();
  for (const [id, t] of self) {
    let step = null;
    for (let p = id; p !== undefined && !step; p = parent.get(p)) {
      const f = byId.get(p).callFrame;
      const u = (f.url || '').replace(/^file:\/\//, '');
      step = (STEPS.find(([, test]) => test(f.functionName, u)) ?? [null])[0];
    }
    if (!step) {
      const n = byId.get(id);
      const u = (n.callFrame.url || '').replace(/^file:\/\//, '');
      step = `unattributed: ${AREAS.find(([, test]) => test(n.callFrame.functionName, u))[0]}`;
    }
    steps.set(step, (steps.get(step) ?? 0) + t);
  }
  process.stdout.write(`\nby step (inclusive of the client work it starts synchronously)\n`);
  for (const [k, t] of [...steps].sort((x, y) => y[1] - x[1])) process.stdout.write(`  ${fmt(t)}  ${k.startsWith('unattributed: idle') ? '          ' : pct(t)}  ${k}\n`);
}

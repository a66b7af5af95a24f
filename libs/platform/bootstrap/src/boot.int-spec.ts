import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { AddressInfo, connect, createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectEventually, infraFromEnv, uniquePrefix } from '@pharma-radar/testing';

// The ingest service as a process, the way Kubernetes runs it: its Kafka and Redis addresses point at local ports
// where nothing listens yet. It must answer liveness at once, stay up through failed connection attempts, say why it
// is not ready, and become ready once both answer, without a restart.
const ROOT = resolve(__dirname, '../../../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** The dependency "appears": its configured address starts answering, relayed to the real Kafka or Redis. */
async function relay(port: number, target: string): Promise<{ server: Server; sockets: Set<Socket> }> {
  const [host, targetPort] = target.split(':');
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(targetPort), host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { server, sockets };
}

async function get(url: string): Promise<{ status: number; body: { ok?: boolean; checks?: Record<string, { ok: boolean; detail?: string }> } }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as never };
}

function startIngest(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['tools/run.js', '--build', 'apps/ingest/src/main'], { cwd: ROOT, env: { ...process.env, HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env } });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

function emptyFeeds(): string {
  const dir = mkdtempSync(join(tmpdir(), 'boot-'));
  // An invented feed with no items: the service polls it, and publishes nothing to the shared test broker.
  writeFileSync(join(dir, 'empty.xml'), '<?xml version="1.0"?><rss version="2.0"><channel><title>Empty invented feed</title><link>https://empty-feed.example/</link><description>none</description></channel></rss>');
  writeFileSync(join(dir, 'feeds.json'), JSON.stringify({ feeds: [{ id: 'empty', title: 'Empty', file: join(dir, 'empty.xml') }] }));
  return join(dir, 'feeds.json');
}

describe('a service told to stop while it waits for Kafka', () => {
  it('should stop cleanly at once instead of waiting out a connection attempt', async () => {
    const [kafkaPort, httpPort] = [await freePort(), await freePort()];
    const { child, output } = startIngest({ KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`, REDIS_KEY_PREFIX: `${uniquePrefix('boot-stop')}:`, INGEST_HTTP_PORT: String(httpPort), FEEDS_FILE: emptyFeeds() });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    await expectEventually(async () => expect((await get(`http://127.0.0.1:${httpPort}/health/live`)).status).toBe(200), { timeoutMs: 120_000, intervalMs: 250 });
    child.kill('SIGTERM');
    // Exit code 0 and this line: its own stop, not Nest's shutdown of modules that never started (killed by the signal).
    expect(await exited).toBe(0);
    expect(output()).toContain('"msg":"stopped before it started"');
  }, 180_000);
});

describe('a service whose Kafka and Redis are unreachable at start', () => {
  const infra = infraFromEnv();
  let child: ChildProcess | undefined;
  const relays: Array<{ server: Server; sockets: Set<Socket> }> = [];

  afterAll(async () => {
    child?.kill('SIGTERM');
    if (child && child.exitCode === null) await new Promise((done) => child!.once('exit', done));
    await Promise.all(relays.map((r) => {
      r.sockets.forEach((s) => s.destroy());
      return new Promise((done) => r.server.close(done));
    }));
  });

  it('should answer liveness, report why it is not ready while it retries, and become ready when both appear', async () => {
    const [kafkaPort, redisPort, httpPort] = [await freePort(), await freePort(), await freePort()];
    const redis = new URL(infra.redisUrl);
    const started = startIngest({
      KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      REDIS_KEY_PREFIX: `${uniquePrefix('boot')}:`,
      INGEST_HTTP_PORT: String(httpPort),
      FEEDS_FILE: emptyFeeds(),
    });
    child = started.child;
    const base = `http://127.0.0.1:${httpPort}`;

    await expectEventually(async () => expect((await get(`${base}/health/live`)).status).toBe(200), { timeoutMs: 120_000, intervalMs: 250 });
    const waiting = await get(`${base}/health/ready`);
    expect(waiting.status).toBe(503);
    expect(waiting.body.checks?.bus).toMatchObject({ ok: false, detail: expect.stringContaining(`Kafka at 127.0.0.1:${kafkaPort}`) });
    expect(waiting.body.checks?.store).toMatchObject({ ok: false });
    expect(waiting.body.checks?.service).toEqual({ ok: false, detail: 'starting: waiting for bus and store' });

    // A failed attempt on each is where a start used to give up (the process exited 1 and restarted into the same
    // broker). It must survive both, say why, and keep answering liveness.
    await expectEventually(() => {
      expect(started.output()).toMatch(/"dependency":"bus".*"dependency unreachable; retrying"/);
      expect(started.output()).toMatch(/"dependency":"store".*"dependency unreachable; retrying"/);
    }, { timeoutMs: 120_000, intervalMs: 500 });
    expect(child.exitCode).toBeNull();
    expect((await get(`${base}/health/live`)).status).toBe(200);
    const failed = await get(`${base}/health/ready`);
    expect(failed.status).toBe(503);
    expect(failed.body.checks?.bus?.detail).toMatch(/unreachable: .*\(attempt \d+, next in \d+ s\)/);

    relays.push(await relay(redisPort, `${redis.hostname}:${redis.port || 6379}`));
    await expectEventually(async () => {
      const r = await get(`${base}/health/ready`);
      expect(r.body.checks?.store).toMatchObject({ ok: true });
      expect(r.status).toBe(503);
      expect(r.body.checks?.service).toEqual({ ok: false, detail: 'starting: waiting for bus' });
    }, { timeoutMs: 60_000, intervalMs: 500 });

    relays.push(await relay(kafkaPort, infra.kafkaBrokers[0]));
    await expectEventually(async () => {
      expect(await get(`${base}/health/ready`)).toMatchObject({ status: 200, body: { checks: { bus: { ok: true }, store: { ok: true }, feeds: { ok: true } } } });
    }, { timeoutMs: 120_000, intervalMs: 500 });

    // Redis goes away while the service runs: not ready, with the reason; still live. Then back: ready again.
    const redisRelay = relays.shift()!;
    redisRelay.sockets.forEach((s) => s.destroy());
    await new Promise((done) => redisRelay.server.close(done));
    await expectEventually(async () => {
      const r = await get(`${base}/health/ready`);
      expect(r.status).toBe(503);
      expect(r.body.checks?.store).toEqual({ ok: false, detail: expect.stringMatching(/did not answer PING|no answer within/) });
    }, { timeoutMs: 60_000, intervalMs: 500 });
    expect((await get(`${base}/health/live`)).status).toBe(200);
    relays.push(await relay(redisPort, `${redis.hostname}:${redis.port || 6379}`));
    await expectEventually(async () => expect((await get(`${base}/health/ready`)).status).toBe(200), { timeoutMs: 60_000, intervalMs: 500 });
    expect(child.exitCode).toBeNull();
  }, 360_000);
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerPool, WorkerTaskError, workerScript } from './worker-pool';

// Worker scripts written here in plain JavaScript: a compiled script is what the pool runs in production.
function script(body: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'worker-pool-')), 'worker.js');
  writeFileSync(file, `const { parentPort, threadId } = require('node:worker_threads');\n${body}`);
  return file;
}

const ECHO = script(`parentPort.on('message', ({ id, input }) => {
  if (input === 'throw') return parentPort.postMessage({ id, ok: false, message: 'refused ' + input });
  if (input === 'die') process.exit(3);
  parentPort.postMessage({ id, ok: true, output: { doubled: input * 2, threadId } });
});`);

describe('WorkerPool', () => {
  let pool: WorkerPool<unknown, { doubled: number; threadId: number }> | null = null;
  afterEach(async () => {
    await pool?.close();
    pool = null;
  });

  it('should answer every task in the order asked, spread over its workers, when tasks outnumber workers', async () => {
    pool = WorkerPool.start(ECHO, 2);
    const outputs = await Promise.all(Array.from({ length: 40 }, (_, i) => (pool as WorkerPool<unknown, { doubled: number; threadId: number }>).run(i)));
    expect(outputs.map((o) => o.doubled)).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
    expect(new Set(outputs.map((o) => o.threadId)).size).toBe(2);
  });

  it('should reject only the task a worker refused and go on with the next', async () => {
    pool = WorkerPool.start(ECHO, 1);
    await expect(pool?.run('throw')).rejects.toThrow(new WorkerTaskError('threw', 'refused throw'));
    await expect(pool?.run('throw')).rejects.toMatchObject({ reason: 'threw' });
    await expect(pool?.run(4)).resolves.toMatchObject({ doubled: 8 });
  });

  it('should reject the task of a worker that died and replace the worker', async () => {
    pool = WorkerPool.start(ECHO, 1);
    await expect(pool?.run('die')).rejects.toMatchObject({ reason: 'died', message: 'worker exited with code 3' });
    await expect(pool?.run(5)).resolves.toMatchObject({ doubled: 10 });
    expect(pool?.size).toBe(1);
  });

  it('should stop replacing a worker that dies on every start, and reject what waits', async () => {
    const crashing = script(`process.exit(9);`);
    const p = WorkerPool.start<number, number>(crashing, 1);
    const messages: string[] = [];
    for (let i = 0; i < 6; i++) messages.push(await p!.run(i).then(() => 'resolved', (e: Error) => e.message));
    // One worker and three replacements each take one task down; after that nothing is left to run on.
    expect(messages).toEqual([...Array(4).fill('worker exited with code 9'), 'worker pool has no live workers', 'worker pool has no live workers']);
    expect(p?.size).toBe(0);
    await p?.close();
  });

  it('should replace workers again once the respawn window has passed (a long-running service)', async () => {
    const crashing = script(`process.exit(9);`);
    const p = WorkerPool.start<number, number>(crashing, 1);
    const outcome = (i: number) => p!.run(i).then(() => 'resolved', (e: WorkerTaskError) => e.reason);
    for (let i = 0; i < 4; i++) await outcome(i);
    expect(await outcome(4)).toBe('no-workers');
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    try {
      expect(await outcome(5)).toBe('died'); // a fresh worker took it (and died: the script always does)
    } finally {
      clock.mockRestore();
      await p?.close();
    }
  });

  it('should give no pool when the script does not exist (running from sources) or the size is 0', () => {
    expect(WorkerPool.start(join(tmpdir(), 'no-such-worker.js'), 2)).toBeNull();
    expect(WorkerPool.start(ECHO, 0)).toBeNull();
  });

  it('should reject an input that cannot be copied to a thread and keep the worker for the next task', async () => {
    pool = WorkerPool.start(ECHO, 1);
    await expect(pool?.run(() => 1)).rejects.toMatchObject({ reason: 'threw', message: expect.stringContaining('input cannot be sent to a worker') });
    await expect(pool?.run(6)).resolves.toMatchObject({ doubled: 12 });
  });

  it('should reject tasks after close', async () => {
    pool = WorkerPool.start(ECHO, 1);
    await pool?.close();
    await expect(pool?.run(1)).rejects.toMatchObject({ reason: 'closed' });
  });

  it('should reject what waits in the queue when the pool closes', async () => {
    const slow = script(`parentPort.on('message', ({ id }) => setTimeout(() => parentPort.postMessage({ id, ok: true, output: id }), 200));`);
    const p = WorkerPool.start<number, number>(slow, 1);
    const first = p!.run(1).catch((e: WorkerTaskError) => e.reason);
    const waiting = p!.run(2).catch((e: WorkerTaskError) => e.reason);
    await p!.close();
    expect(await waiting).toBe('closed');
    await first;
  });

  it('should run a TypeScript worker script from the sources, with the workspace aliases', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'worker-pool-ts-'));
    writeFileSync(join(dir, 'typed.ts'), [
      "import { serveWorker } from '@pharma-radar/platform-worker-pool';",
      'serveWorker((n: number): number => { if (n < 0) throw new Error(`negative ${n}`); return n + 1; });',
    ].join('\n'));
    const file = workerScript(dir, 'typed');
    expect(file).toBe(join(dir, 'typed.ts'));
    const p = WorkerPool.start<number, number>(file as string, 2);
    try {
      expect(await Promise.all([1, 2, 3].map((n) => p!.run(n)))).toEqual([2, 3, 4]);
      await expect(p!.run(-1)).rejects.toMatchObject({ reason: 'threw', message: 'negative -1' });
    } finally {
      await p?.close();
    }
  });

  it('should prefer a compiled script to its source, and find neither when both are missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'worker-pool-find-'));
    writeFileSync(join(dir, 'w.ts'), '');
    writeFileSync(join(dir, 'w.js'), '');
    expect(workerScript(dir, 'w')).toBe(join(dir, 'w.js'));
    expect(workerScript(dir, 'missing')).toBeNull();
  });
});

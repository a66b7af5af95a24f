import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerPool } from './worker-pool';

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

  it('should answer every task, spread over its workers, when tasks outnumber workers', async () => {
    pool = WorkerPool.start(ECHO, 2);
    const outputs = await Promise.all(Array.from({ length: 40 }, (_, i) => (pool as WorkerPool<unknown, { doubled: number; threadId: number }>).run(i)));
    expect(outputs.map((o) => o.doubled)).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
    expect(new Set(outputs.map((o) => o.threadId)).size).toBe(2);
  });

  it('should reject only the task a worker refused and go on with the next', async () => {
    pool = WorkerPool.start(ECHO, 1);
    await expect(pool?.run('throw')).rejects.toThrow('refused throw');
    await expect(pool?.run(4)).resolves.toMatchObject({ doubled: 8 });
  });

  it('should reject the task of a worker that died and replace the worker', async () => {
    pool = WorkerPool.start(ECHO, 1);
    await expect(pool?.run('die')).rejects.toThrow('worker exited with code 3');
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

  it('should give no pool when the script does not exist (running from sources) or the size is 0', () => {
    expect(WorkerPool.start(join(tmpdir(), 'no-such-worker.js'), 2)).toBeNull();
    expect(WorkerPool.start(ECHO, 0)).toBeNull();
  });

  it('should reject tasks after close', async () => {
    pool = WorkerPool.start(ECHO, 1);
    await pool?.close();
    await expect(pool?.run(1)).rejects.toThrow('closed');
  });
});

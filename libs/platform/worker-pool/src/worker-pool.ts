import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parentPort, Worker } from 'node:worker_threads';

/** What a pool's worker script receives and answers, one task at a time. */
export interface PoolRequest<I> {
  id: number;
  input: I;
}
export type PoolReply<O> = { id: number; ok: true; output: O } | { id: number; ok: false; message: string };

/** Why a task did not get its output: the work threw, its worker died, or the pool could not run it. */
export type WorkerTaskFailure = 'threw' | 'died' | 'closed' | 'no-workers';

export class WorkerTaskError extends Error {
  constructor(
    readonly reason: WorkerTaskFailure,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerTaskError';
  }
}

interface Task<I, O> {
  id: number;
  input: I;
  resolve(output: O): void;
  reject(error: Error): void;
}

// A worker that dies is replaced, but a script that dies on every task must not respawn forever: at most this many
// replacements per worker within RESPAWN_WINDOW_MS. A long-running service gets its budget back as time passes.
const RESPAWNS_PER_WORKER = 3;
const RESPAWN_WINDOW_MS = 60_000;

// Running from TypeScript sources (tests, benches) a worker compiles the script on require, as tools/run.js's
// callers do; a built deployment has the compiled .js and never needs this.
const REGISTER_TS = resolve(__dirname, '../../../../tools/register-ts.cjs');

/**
 * A fixed set of worker threads running one script; tasks queue until a worker is free. A task whose worker throws
 * or dies is rejected with a WorkerTaskError (the caller decides what to do with it), and the worker is replaced.
 */
export class WorkerPool<I, O> {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task<I, O>>();
  private readonly queue: Task<I, O>[] = [];
  private readonly respawnedAt: number[] = [];
  private nextId = 0;
  private closed = false;

  private constructor(
    private readonly script: string,
    private readonly execArgv: string[],
    private readonly target: number,
  ) {
    for (let i = 0; i < target; i++) this.spawn();
  }

  /**
   * A pool of `size` workers, or null when the script is not there (a .js script when running from TypeScript
   * sources, where nothing is compiled) or the size is 0. A .ts script runs through the repo's SWC loader. Workers
   * preload the module named by PHARMA_RADAR_WORKER_PRELOAD (the alias registration of tools/run.js): a worker's
   * module system starts empty.
   */
  static start<I, O>(script: string, size: number): WorkerPool<I, O> | null {
    if (size < 1 || !existsSync(script)) return null;
    if (script.endsWith('.ts') && !existsSync(REGISTER_TS)) return null;
    const preload = process.env.PHARMA_RADAR_WORKER_PRELOAD;
    return new WorkerPool<I, O>(script, [...process.execArgv, ...(preload ? ['--require', preload] : [])], size);
  }

  get size(): number {
    return this.idle.length + this.busy.size;
  }

  run(input: I): Promise<O> {
    if (this.closed) return Promise.reject(new WorkerTaskError('closed', 'worker pool is closed'));
    this.refill();
    if (this.size === 0) return Promise.reject(new WorkerTaskError('no-workers', 'worker pool has no live workers'));
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new WorkerTaskError('closed', 'worker pool is closed'));
    const all = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }

  private spawn(): void {
    const worker = this.script.endsWith('.ts')
      ? new Worker(`require(${JSON.stringify(REGISTER_TS)}); require(${JSON.stringify(this.script)});`, { eval: true, execArgv: this.execArgv })
      : new Worker(this.script, { execArgv: this.execArgv });
    worker.on('message', (reply: PoolReply<O>) => {
      const task = this.busy.get(worker);
      if (!task || task.id !== reply.id) return;
      this.busy.delete(worker);
      if (reply.ok) task.resolve(reply.output);
      else task.reject(new WorkerTaskError('threw', reply.message));
      this.idle.push(worker);
      this.dispatch();
    });
    // 'error' (an uncaught exception in the worker) is followed by 'exit'; both end this worker.
    worker.on('error', (err) => this.lost(worker, `worker died: ${err.message}`));
    worker.on('exit', (code) => this.lost(worker, `worker exited with code ${code}`));
    this.idle.push(worker);
  }

  private lost(worker: Worker, message: string): void {
    const idleAt = this.idle.indexOf(worker);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    const task = this.busy.get(worker);
    const wasBusy = this.busy.delete(worker);
    if (idleAt < 0 && !wasBusy) return; // already handled ('error' then 'exit')
    task?.reject(new WorkerTaskError('died', message));
    if (this.closed) return;
    this.refill();
    if (this.size === 0) {
      for (const t of this.queue.splice(0)) t.reject(new WorkerTaskError('no-workers', `worker pool has no live workers: ${message}`));
    }
    this.dispatch();
  }

  /** Back up to the pool's size, as far as the respawn budget of the last RESPAWN_WINDOW_MS allows. */
  private refill(): void {
    const now = Date.now();
    while (this.respawnedAt.length > 0 && now - this.respawnedAt[0] > RESPAWN_WINDOW_MS) this.respawnedAt.shift();
    while (this.size < this.target && this.respawnedAt.length < this.target * RESPAWNS_PER_WORKER) {
      this.respawnedAt.push(now);
      this.spawn();
    }
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const task = this.queue.shift() as Task<I, O>;
      try {
        worker.postMessage({ id: task.id, input: task.input } satisfies PoolRequest<I>);
      } catch (err) {
        // An input that cannot be copied to a thread (a function, a socket) fails alone; the worker stays free.
        this.idle.push(worker);
        task.reject(new WorkerTaskError('threw', `input cannot be sent to a worker: ${(err as Error).message}`));
        continue;
      }
      this.busy.set(worker, task);
    }
  }
}

/**
 * The compiled `<name>.js` in `dir` when there is one, else `<name>.ts` (running from TypeScript sources), else null.
 * Pass the caller's `__dirname`: the worker script sits beside the code that starts it.
 */
export function workerScript(dir: string, name: string): string | null {
  for (const ext of ['.js', '.ts']) if (existsSync(join(dir, name + ext))) return join(dir, name + ext);
  return null;
}

/** The body of a worker script: answers each task with `work(input)`, or with the message of what it threw. */
export function serveWorker<I, O>(work: (input: I) => O): void {
  parentPort?.on('message', ({ id, input }: PoolRequest<I>) => {
    let reply: PoolReply<O>;
    try {
      reply = { id, ok: true, output: work(input) };
    } catch (err) {
      reply = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    parentPort?.postMessage(reply);
  });
}

import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** What a pool's worker script receives and answers, one task at a time. */
export interface PoolRequest<I> {
  id: number;
  input: I;
}
export type PoolReply<O> = { id: number; ok: true; output: O } | { id: number; ok: false; message: string };

interface Task<I, O> {
  id: number;
  input: I;
  resolve(output: O): void;
  reject(error: Error): void;
}

// A worker that dies is replaced, but a script that dies on every task must not respawn forever.
const RESPAWNS_PER_WORKER = 3;

/**
 * A fixed set of worker threads running one script; tasks queue until a worker is free. A task whose worker throws
 * or dies is rejected (the caller decides what to do with it), and the worker is replaced.
 */
export class WorkerPool<I, O> {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task<I, O>>();
  private readonly queue: Task<I, O>[] = [];
  private nextId = 0;
  private respawns: number;
  private closed = false;

  private constructor(private readonly script: string, private readonly execArgv: string[], size: number) {
    this.respawns = size * RESPAWNS_PER_WORKER;
    for (let i = 0; i < size; i++) this.spawn();
  }

  /**
   * A pool of `size` workers, or null when the script is not there (running from TypeScript sources, where there is
   * no compiled worker to start). Workers preload the module named by PHARMA_RADAR_WORKER_PRELOAD (the alias
   * registration of tools/run.js): a worker's module system starts empty.
   */
  static start<I, O>(script: string, size: number): WorkerPool<I, O> | null {
    if (size < 1 || !existsSync(script)) return null;
    const preload = process.env.PHARMA_RADAR_WORKER_PRELOAD;
    return new WorkerPool<I, O>(script, [...process.execArgv, ...(preload ? ['--require', preload] : [])], size);
  }

  get size(): number {
    return this.idle.length + this.busy.size;
  }

  run(input: I): Promise<O> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    if (this.size === 0) return Promise.reject(new Error('worker pool has no live workers'));
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('worker pool is closed'));
    const all = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }

  private spawn(): void {
    const worker = new Worker(this.script, { execArgv: this.execArgv });
    worker.on('message', (reply: PoolReply<O>) => {
      const task = this.busy.get(worker);
      if (!task || task.id !== reply.id) return;
      this.busy.delete(worker);
      if (reply.ok) task.resolve(reply.output);
      else task.reject(new Error(reply.message));
      this.idle.push(worker);
      this.dispatch();
    });
    // 'error' (an uncaught exception in the worker) is followed by 'exit'; both end this worker.
    worker.on('error', (err) => this.lost(worker, err));
    worker.on('exit', (code) => this.lost(worker, new Error(`worker exited with code ${code}`)));
    this.idle.push(worker);
  }

  private lost(worker: Worker, error: Error): void {
    const idleAt = this.idle.indexOf(worker);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    const task = this.busy.get(worker);
    const wasBusy = this.busy.delete(worker);
    if (idleAt < 0 && !wasBusy) return; // already handled ('error' then 'exit')
    task?.reject(error);
    if (this.closed) return;
    if (this.respawns > 0) {
      this.respawns--;
      this.spawn();
      this.dispatch();
    } else if (this.size === 0) {
      for (const t of this.queue.splice(0)) t.reject(new Error(`worker pool has no live workers: ${error.message}`));
    }
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const task = this.queue.shift() as Task<I, O>;
      this.busy.set(worker, task);
      worker.postMessage({ id: task.id, input: task.input } satisfies PoolRequest<I>);
    }
  }
}

// A worker thread of `classify --jsonl`: classifies the chunks of lines the command hands it (see WorkerPool).
import { parentPort } from 'node:worker_threads';
import type { PoolReply, PoolRequest } from '../worker-pool';
import { classifyBatch, type LineBatch } from './classify';

parentPort?.on('message', ({ id, input }: PoolRequest<LineBatch>) => {
  let reply: PoolReply<string[]>;
  try {
    reply = { id, ok: true, output: classifyBatch(input) };
  } catch (err) {
    reply = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});

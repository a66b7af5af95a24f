// A worker thread of `classify --jsonl`: classifies the chunks of lines the command hands it (see WorkerPool).
import { serveWorker } from '@pharma-radar/platform-worker-pool';
import { classifyBatch, type LineBatch } from './classify';

serveWorker<LineBatch, string[]>(classifyBatch);

// A worker thread of `conformance`: parses one corpus file per message, so the command can stop a parse that hangs.
import { parentPort } from 'node:worker_threads';
import { parseCorpusFile, type ParseRequest } from './conformance-parse';

parentPort?.on('message', ({ id, input }: { id: number; input: ParseRequest }) => {
  parseCorpusFile(input).then(
    (output) => parentPort?.postMessage({ id, ok: true, output }),
    (err: unknown) => parentPort?.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) }),
  );
});

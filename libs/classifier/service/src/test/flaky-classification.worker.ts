// A classification worker for tests that fails on cue, read from the article's title: "[throw]" makes classify()
// throw; "[die]" kills the worker thread (and so its whole batch); "[die-once:<file>]" kills it the first time only
// (the file records it).
import { existsSync, writeFileSync } from 'node:fs';
import { classify } from '@pharma-radar/classifier-collaboration';
import { serveWorker } from '@pharma-radar/platform-worker-pool';
import { classifyEach, type ClassifyInput } from '../classify-batch';

serveWorker((inputs: ClassifyInput[]) =>
  classifyEach(inputs, (input) => {
    if (input.title.includes('[throw]')) throw new Error('no rule for this article');
    if (input.title.includes('[die]')) process.exit(7);
    const once = /\[die-once:([^\]]+)\]/.exec(input.title);
    if (once && !existsSync(once[1])) {
      writeFileSync(once[1], 'died');
      process.exit(7);
    }
    return classify(input);
  }),
);

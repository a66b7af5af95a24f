import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A command that reads inputs (files or URLs) and writes one JSON line each, as parse-feed and extract do. */
export type InputCommand = (inputs: string[], write: (line: string) => void, opts: { policy?: { allowPrivateHosts: string[] } }) => Promise<number>;

/**
 * Per test: a fresh temp folder for input files (removed after), and `run`, which calls the command and parses what
 * it printed. Call inside a describe block.
 */
export function commandBed(prefix: string, command: InputCommand) {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return {
    get dir() {
      return dir;
    },
    async run(inputs: string[], policy?: { allowPrivateHosts: string[] }) {
      const lines: string[] = [];
      const code = await command(inputs, (l) => lines.push(l), policy ? { policy } : {});
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the fields of its own command
      return { code, rows: lines.map((l) => JSON.parse(l) as any), lines };
    },
  };
}

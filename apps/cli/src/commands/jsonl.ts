import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** Typed reasons an input line or file is refused; each becomes a JSON error line, never a crash. */
export enum InputErrorCode {
  FileUnreadable = 'FILE_UNREADABLE',
  LineNotJson = 'LINE_NOT_JSON',
  LineSchemaInvalid = 'LINE_SCHEMA_INVALID',
  LineTooLong = 'LINE_TOO_LONG',
}

// A line longer than this is not an article; it is refused before JSON.parse spends time on it.
export const MAX_LINE_CHARS = 4 * 1024 * 1024;

export type JsonLine = { line: number; ok: true; value: unknown } | { line: number; ok: false; code: InputErrorCode; message: string };

/** Yields every non-blank line of a JSONL file, parsed or with the reason it could not be. */
export async function* readJsonLines(path: string): AsyncGenerator<JsonLine> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    n++;
    const text = raw.replace(/^\uFEFF/, '').trim();
    if (text.length === 0) continue;
    if (text.length > MAX_LINE_CHARS) {
      yield { line: n, ok: false, code: InputErrorCode.LineTooLong, message: `line longer than ${MAX_LINE_CHARS} characters` };
      continue;
    }
    try {
      yield { line: n, ok: true, value: JSON.parse(text) as unknown };
    } catch (err) {
      yield { line: n, ok: false, code: InputErrorCode.LineNotJson, message: err instanceof Error ? err.message : 'invalid JSON' };
    }
  }
}

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { classify } from '@pharma-radar/classifier-collaboration';

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

interface ClassifyInput {
  id: string;
  title: string;
  text: string;
  url?: string;
  source?: string;
  published?: string;
}

function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function toInput(value: unknown): ClassifyInput | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'a line must be a JSON object';
  const o = value as Record<string, unknown>;
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : null;
  if (id === null) return '"id" must be a string or a number';
  if (typeof o.title !== 'string') return '"title" must be a string';
  if (o.text !== undefined && o.text !== null && typeof o.text !== 'string') return '"text" must be a string';
  return {
    id, title: o.title, text: typeof o.text === 'string' ? o.text : '',
    url: optionalString(o.url), source: optionalString(o.source), published: optionalString(o.published),
  };
}

function idOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const id = (value as Record<string, unknown>).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

/**
 * `classify --jsonl <file>`: one JSON line out per {"id","title","text"} line in. A bad line becomes
 * {"id","line","error":{code,message}} and the run goes on; only an unreadable file fails the command.
 */
export async function classifyCommand(args: { jsonl: string }, write: (line: string) => void): Promise<number> {
  try {
    for await (const line of readJsonLines(args.jsonl)) {
      if (!line.ok) {
        write(JSON.stringify({ id: null, line: line.line, error: { code: line.code, message: line.message } }));
        continue;
      }
      const input = toInput(line.value);
      if (typeof input === 'string') {
        write(JSON.stringify({ id: idOf(line.value), line: line.line, error: { code: InputErrorCode.LineSchemaInvalid, message: input } }));
        continue;
      }
      const c = classify(input);
      write(JSON.stringify({ id: input.id, ...c }));
    }
    return 0;
  } catch (err) {
    write(JSON.stringify({ id: null, error: { code: InputErrorCode.FileUnreadable, message: err instanceof Error ? err.message : String(err) } }));
    return 1;
  }
}

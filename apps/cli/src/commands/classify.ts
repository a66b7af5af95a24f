import { createReadStream } from 'node:fs';
import { classify } from '@pharma-radar/classifier-collaboration';

/** Typed reasons an input line or file is refused; each becomes a JSON error line, never a crash. */
export enum InputErrorCode {
  FileUnreadable = 'FILE_UNREADABLE',
  LineNotJson = 'LINE_NOT_JSON',
  LineSchemaInvalid = 'LINE_SCHEMA_INVALID',
  LineTooLong = 'LINE_TOO_LONG',
  ClassifyFailed = 'CLASSIFY_FAILED',
}

// A line longer than this is not an article; it is refused before JSON.parse spends time on it.
export const MAX_LINE_CHARS = 4 * 1024 * 1024;

export type JsonLine = { line: number; ok: true; value: unknown } | { line: number; ok: false; code: InputErrorCode; message: string };

// Line breaks as node:readline counts them (CRLF, LF or a lone CR), so line numbers in error lines stay the same.
const LINE_BREAK = /\r\n|\n|\r/;
const READ_CHUNK = 1 << 20;

function parseLine(raw: string, line: number): JsonLine | null {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (text.length === 0) return null;
  if (text.length > MAX_LINE_CHARS) return { line, ok: false, code: InputErrorCode.LineTooLong, message: `line longer than ${MAX_LINE_CHARS} characters` };
  try {
    return { line, ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { line, ok: false, code: InputErrorCode.LineNotJson, message: err instanceof Error ? err.message : 'invalid JSON' };
  }
}

/**
 * Every non-blank line of a JSONL file, parsed or with the reason it could not be, in batches of one read (about
 * 1 MiB): awaiting once per line, as node:readline's iterator does, cost more than parsing the line.
 */
export async function* readJsonLineBatches(path: string): AsyncGenerator<JsonLine[]> {
  let rest = '';
  let n = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: READ_CHUNK })) {
    let text = rest + (chunk as string);
    // A CR at the end of a read may be the first half of a CRLF: keep it for the next read.
    const heldCr = text.endsWith('\r');
    if (heldCr) text = text.slice(0, -1);
    const lines = text.split(LINE_BREAK);
    rest = lines.pop() + (heldCr ? '\r' : '');
    const batch: JsonLine[] = [];
    for (const raw of lines) {
      const parsed = parseLine(raw, ++n);
      if (parsed) batch.push(parsed);
    }
    if (batch.length > 0) yield batch;
  }
  const last = rest.split(LINE_BREAK).map((raw) => parseLine(raw, ++n)).filter((l): l is JsonLine => l !== null);
  if (last.length > 0) yield last;
}

/** Yields every non-blank line of a JSONL file, parsed or with the reason it could not be. */
export async function* readJsonLines(path: string): AsyncGenerator<JsonLine> {
  for await (const batch of readJsonLineBatches(path)) yield* batch;
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

/** `{"id":…, ...classification}` without copying the classification into a new object first. */
function withId(id: string, c: object): string {
  const body = JSON.stringify(c);
  return 'id' in c || body === '{}' ? JSON.stringify({ id, ...c }) : `{"id":${JSON.stringify(id)},${body.slice(1)}`;
}

/**
 * `classify --jsonl <file>`: one JSON line out per {"id","title","text"} line in. A bad line becomes
 * {"id","line","error":{code,message}} and the run goes on; only an unreadable file fails the command.
 */
export async function classifyCommand(args: { jsonl: string }, write: (line: string) => void): Promise<number> {
  try {
    for await (const batch of readJsonLineBatches(args.jsonl)) {
      for (const line of batch) {
        if (!line.ok) {
          write(JSON.stringify({ id: null, line: line.line, error: { code: line.code, message: line.message } }));
          continue;
        }
        const input = toInput(line.value);
        if (typeof input === 'string') {
          write(JSON.stringify({ id: idOf(line.value), line: line.line, error: { code: InputErrorCode.LineSchemaInvalid, message: input } }));
          continue;
        }
        // classify() is meant never to throw; if it ever does, that one line reports it and the run goes on.
        let result: object;
        try {
          result = classify(input);
        } catch (err) {
          write(JSON.stringify({ id: input.id, line: line.line, error: { code: InputErrorCode.ClassifyFailed, message: err instanceof Error ? err.message : String(err) } }));
          continue;
        }
        write(withId(input.id, result));
      }
    }
    return 0;
  } catch (err) {
    write(JSON.stringify({ id: null, error: { code: InputErrorCode.FileUnreadable, message: err instanceof Error ? err.message : String(err) } }));
    return 1;
  }
}

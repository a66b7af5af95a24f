import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { classify } from '@pharma-radar/classifier-collaboration';
import { WorkerPool } from '@pharma-radar/platform-worker-pool';

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

/** Consecutive raw lines of a file: `raws[i]` is line `first + i` (blank lines included, so numbers stay true). */
export interface LineBatch {
  first: number;
  raws: string[];
}

/**
 * The lines of a file in batches of one read (about 1 MiB): awaiting once per line, as node:readline's iterator
 * does, cost more than parsing the line.
 */
export async function* readLineBatches(path: string): AsyncGenerator<LineBatch> {
  let rest = '';
  let n = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: READ_CHUNK })) {
    let text = rest + (chunk as string);
    // A CR at the end of a read may be the first half of a CRLF: keep it for the next read.
    const heldCr = text.endsWith('\r');
    if (heldCr) text = text.slice(0, -1);
    const raws = text.split(LINE_BREAK);
    rest = raws.pop() + (heldCr ? '\r' : '');
    if (raws.length > 0) yield { first: n + 1, raws };
    n += raws.length;
  }
  const last = rest.split(LINE_BREAK);
  if (last.some((raw) => raw.trim().length > 0)) yield { first: n + 1, raws: last };
}

/** The non-blank lines of a batch, parsed or with the reason they could not be. */
export function parseBatch(batch: LineBatch): JsonLine[] {
  const parsed: JsonLine[] = [];
  batch.raws.forEach((raw, i) => {
    const line = parseLine(raw, batch.first + i);
    if (line) parsed.push(line);
  });
  return parsed;
}

/** Every non-blank line of a JSONL file, parsed or with the reason it could not be, one read at a time. */
export async function* readJsonLineBatches(path: string): AsyncGenerator<JsonLine[]> {
  for await (const batch of readLineBatches(path)) {
    const parsed = parseBatch(batch);
    if (parsed.length > 0) yield parsed;
  }
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

/** The output line for each non-blank input line of a batch: a classification, or why that line has none. */
export function classifyBatch(batch: LineBatch): string[] {
  const out: string[] = [];
  for (const line of parseBatch(batch)) {
    if (!line.ok) {
      out.push(JSON.stringify({ id: null, line: line.line, error: { code: line.code, message: line.message } }));
      continue;
    }
    const input = toInput(line.value);
    if (typeof input === 'string') {
      out.push(JSON.stringify({ id: idOf(line.value), line: line.line, error: { code: InputErrorCode.LineSchemaInvalid, message: input } }));
      continue;
    }
    // classify() is meant never to throw; if it ever does, that one line reports it and the run goes on.
    let result: object;
    try {
      result = classify(input);
    } catch (err) {
      out.push(JSON.stringify({ id: input.id, line: line.line, error: { code: InputErrorCode.ClassifyFailed, message: err instanceof Error ? err.message : String(err) } }));
      continue;
    }
    out.push(withId(input.id, result));
  }
  return out;
}

// Lines per task handed to a worker: small enough to keep every worker busy to the end of the file, large enough
// that the message passing is a small part of a task.
const CHUNK_LINES = 64;
// Tasks in flight per worker: results are written in input order, so a slow chunk holds the ones behind it.
const IN_FLIGHT_PER_WORKER = 4;
const WORKER_SCRIPT = join(__dirname, 'classify-worker.js');

function chunksOf(batch: LineBatch): LineBatch[] {
  const chunks: LineBatch[] = [];
  for (let i = 0; i < batch.raws.length; i += CHUNK_LINES) chunks.push({ first: batch.first + i, raws: batch.raws.slice(i, i + CHUNK_LINES) });
  return chunks;
}

/**
 * `classify --jsonl <file> [--workers N]`: one JSON line out per {"id","title","text"} line in, in input order. A
 * bad line becomes {"id","line","error":{code,message}} and the run goes on; only an unreadable file fails the
 * command. A file longer than one read is classified by `workers` threads (default: one per core) while this thread
 * reads and writes; a file of one read is classified here, where starting threads would cost more than they save.
 */
export async function classifyCommand(
  args: { jsonl: string; workers?: number },
  write: (line: string) => void,
  report: (message: string) => void = () => undefined,
): Promise<number> {
  const workers = args.workers ?? availableParallelism();
  let pool: WorkerPool<LineBatch, string[]> | null = null;
  let threadChunks = 0;
  const failures: string[] = [];
  const inFlight: Promise<string[]>[] = [];
  const writeAll = (lines: string[]) => {
    for (const line of lines) write(line);
  };
  const submit = async (chunk: LineBatch) => {
    if (!pool) return writeAll(classifyBatch(chunk));
    // A worker that fails takes only its task down: that chunk is classified here instead, line by line.
    inFlight.push(pool.run(chunk).then(
      (lines) => (threadChunks++, lines),
      (err: Error) => (failures.push(err.message), classifyBatch(chunk)),
    ));
    while (inFlight.length >= pool.size * IN_FLIGHT_PER_WORKER) writeAll(await (inFlight.shift() as Promise<string[]>));
  };
  try {
    // The first read is held until the second arrives (or the file ends): only then is it known whether threads pay.
    let held: LineBatch | null = null;
    let reads = 0;
    for await (const batch of readLineBatches(args.jsonl)) {
      if (++reads === 1) {
        held = batch;
        continue;
      }
      if (held) {
        if (workers > 1) pool = WorkerPool.start<LineBatch, string[]>(WORKER_SCRIPT, workers);
        for (const chunk of chunksOf(held)) await submit(chunk);
        held = null;
      }
      for (const chunk of chunksOf(batch)) await submit(chunk);
    }
    if (held) writeAll(classifyBatch(held));
    while (inFlight.length > 0) writeAll(await (inFlight.shift() as Promise<string[]>));
    return 0;
  } catch (err) {
    // Whatever was classified before the read failed is written first, in order.
    for (const pending of inFlight.splice(0)) writeAll(await pending);
    write(JSON.stringify({ id: null, error: { code: InputErrorCode.FileUnreadable, message: err instanceof Error ? err.message : String(err) } }));
    return 1;
  } finally {
    if (pool) {
      report(`classify: ${threadChunks} chunks of up to ${CHUNK_LINES} lines classified by ${workers} worker threads`);
      if (failures.length > 0) report(`classify: ${failures.length} chunks failed in a worker and were classified in the main thread (first: ${failures[0]})`);
    }
    await pool?.close();
  }
}

import { classify } from '@pharma-radar/classifier-collaboration';
import { InputErrorCode, readJsonLines } from './jsonl';

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

import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { classificationSchema } from '@pharma-radar/contracts';
import { classifyCommand, readJsonLines } from './classify';

function fileWith(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'classify-'));
  const path = join(dir, 'in.jsonl');
  writeFileSync(path, content);
  return path;
}

async function run(content: string) {
  const lines: string[] = [];
  const code = await classifyCommand({ jsonl: fileWith(content) }, (l) => lines.push(l));
  return { code, out: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('classifyCommand', () => {
  it('should write one full classification per input line when lines are valid', async () => {
    const { code, out } = await run([
      JSON.stringify({ id: 'a1', title: 'Novartis signs research collaboration with Harvard University to discover kidney drugs', text: '' }),
      JSON.stringify({ id: 2, title: 'Pfizer beats estimates on strong quarter', text: 'Revenue rose 5%.' }),
    ].join('\n'));
    expect(code).toBe(0);
    expect(out.map((o) => [o.id, o.is_rd_collaboration])).toEqual([['a1', true], ['2', false]]);
    const { id: _id, ...classification } = out[0];
    expect(classificationSchema.safeParse(classification).success).toBe(true);
    expect(out[0].parties).toEqual([{ name: 'Novartis', type: 'pharma' }, { name: 'Harvard University', type: 'academic' }]);
  });

  it('should write an error line and go on when a line is not JSON or has the wrong shape', async () => {
    const { code, out } = await run(['{"bad":', '[1,2]', '{"id":"x","title":7}', '', '{"id":"ok","title":"Quarterly results"}'].join('\n'));
    expect(code).toBe(0);
    expect(out.map((o) => (o.error as { code?: string } | undefined)?.code ?? o.id)).toEqual(['LINE_NOT_JSON', 'LINE_SCHEMA_INVALID', 'LINE_SCHEMA_INVALID', 'ok']);
    expect(out[2]).toMatchObject({ id: 'x', line: 3 });
  });

  it('should report FILE_UNREADABLE and return 1 when the file does not exist', async () => {
    const lines: string[] = [];
    const code = await classifyCommand({ jsonl: join(tmpdir(), 'does-not-exist-pharma-radar.jsonl') }, (l) => lines.push(l));
    expect(code).toBe(1);
    expect(JSON.parse(lines[0])).toMatchObject({ error: { code: 'FILE_UNREADABLE' } });
  });

  it('should number lines as node:readline does when breaks are CRLF, LF or a lone CR, across 1 MiB reads', async () => {
    const record = (i: number) => JSON.stringify({ id: i, title: 'x'.repeat(1000 + (i % 7)) });
    const breaks = ['\r\n', '\n', '\r', '\n\n', '\r\n\r\n'];
    // The first line ends in a CRLF that straddles the first 1 MiB read: its CR ends one read, its LF starts the next.
    const filler = (length: number) => JSON.stringify({ id: 'f', title: 'y'.repeat(length) });
    let content = '\uFEFF' + filler((1 << 20) - 1 - Buffer.byteLength('\uFEFF' + filler(0))) + '\r\n';
    for (let i = 0; i < 3000; i++) content += record(i) + breaks[i % breaks.length] + (i % 500 === 0 ? '{"bad":' + '\n' : '');
    content += record(3000); // no final line break
    expect(Buffer.from(content).subarray((1 << 20) - 1, (1 << 20) + 1).toString()).toBe('\r\n');
    const path = fileWith(content);
    const expected: string[] = [];
    let n = 0;
    for await (const raw of createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })) {
      n++;
      if (raw.replace(/^\uFEFF/, '').trim()) expected.push(`${n}`);
    }
    const got: string[] = [];
    for await (const line of readJsonLines(path)) got.push(`${line.line}`);
    expect(got).toEqual(expected);
    expect(got.length).toBe(3008);
  });
});

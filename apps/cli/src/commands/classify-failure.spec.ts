import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyCommand } from './classify';

// classify() throws for one title only: the failure must stay on that line.
jest.mock('@pharma-radar/classifier-collaboration', () => {
  const actual = jest.requireActual('@pharma-radar/classifier-collaboration');
  return { ...actual, classify: (input: { title: string }) => { if (input.title === 'boom') throw new Error('boom inside'); return actual.classify(input); } };
});

describe('classifyCommand when the classifier throws on one line', () => {
  it('should report that line with CLASSIFY_FAILED and classify the rest', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'classify-')), 'in.jsonl');
    writeFileSync(file, [{ id: 'a', title: 'boom', text: '' }, { id: 'b', title: 'Quarterly revenue rises', text: '' }].map((l) => JSON.stringify(l)).join('\n'));
    const lines: string[] = [];
    expect(await classifyCommand({ jsonl: file }, (l) => lines.push(l))).toBe(0);
    const out = lines.map((l) => JSON.parse(l));
    expect(out[0]).toEqual({ id: 'a', line: 1, error: { code: 'CLASSIFY_FAILED', message: 'boom inside' } });
    expect(out[1]).toMatchObject({ id: 'b', is_rd_collaboration: false });
  });
});

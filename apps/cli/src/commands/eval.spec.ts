import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evalCommand } from './eval';

function fileWith(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'eval-')), 'labelled.jsonl');
  writeFileSync(path, content);
  return path;
}

describe('evalCommand', () => {
  it('should print the report and list rejected lines when the set has a bad line', async () => {
    const lines = [
      { id: 'e1', title: 'Sanofi and Stanford University sign research collaboration on lupus', text: '', label: 'rd_collaboration', event_type: 'research_collaboration', parties: ['Sanofi', 'Stanford University'] },
      { id: 'e2', title: 'Sanofi completes acquisition of Calyx Bio', text: '', label: 'not_rd_collaboration', event_type: 'acquisition', parties: [] },
    ].map((l) => JSON.stringify(l));
    let out = '';
    const code = await evalCommand({ jsonl: fileWith([...lines, 'not json'].join('\n')) }, (s) => { out += s; });
    expect(code).toBe(0);
    expect(out).toContain('is_rd_collaboration    P 1.000  R 1.000');
    expect(out).toContain('parties (gold +)       P 1.000  R 1.000');
    expect(out).toContain('rejected lines (1)');
  });

  it('should return 1 when the file has no labelled records', async () => {
    let out = '';
    expect(await evalCommand({ jsonl: fileWith('\n') }, (s) => { out += s; })).toBe(1);
    expect(out).toContain('no labelled records');
  });
});

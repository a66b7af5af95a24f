import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOLDOUT } from '@pharma-radar/classifier-collaboration';
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
    const code = await evalCommand({ files: [fileWith([...lines, 'not json'].join('\n'))] }, (s) => { out += s; });
    expect(code).toBe(0);
    expect(out).toContain('is_rd_collaboration    P 1.000  R 1.000');
    expect(out).toContain('parties (gold +)       P 1.000  R 1.000');
    expect(out).toContain('rejected lines (1)');
  });

  it('should return 1 when the file has no labelled records', async () => {
    let out = '';
    expect(await evalCommand({ files: [fileWith('\n')] }, (s) => { out += s; })).toBe(1);
    expect(out).toContain('no labelled records');
  });
});

describe('evalCommand over several files', () => {
  const a = [
    { id: 'a1', title: 'Sanofi and Stanford University sign research collaboration on lupus', text: '', label: 'rd_collaboration', event_type: 'research_collaboration', parties: ['Sanofi', 'Stanford University'] },
    { id: 'a2', title: 'Sanofi completes acquisition of Calyx Bio', text: '', label: 'not_rd_collaboration', event_type: 'acquisition', parties: [] },
  ];
  const b = [
    { id: 'b1', title: 'Kestrel Bio and Norrland University form research alliance on kidney fibrosis', text: '', label: 'rd_collaboration', event_type: 'research_collaboration', parties: ['Kestrel Bio', 'Norrland University'] },
  ];

  it('should print a report per file and a total line', async () => {
    let out = '';
    const code = await evalCommand({ files: [fileWith(a.map((l) => JSON.stringify(l)).join('\n')), fileWith(b.map((l) => JSON.stringify(l)).join('\n'))] }, (s) => { out += s; });
    expect(code).toBe(0);
    expect(out.match(/Pharma Radar classifier eval/g)).toHaveLength(2);
    expect(out).toMatch(/total \(2 files\): records 3/);
    expect(out).toContain('errors by category');
  });

  it('should refuse a fold count below 2', async () => {
    let out = '';
    expect(await evalCommand({ files: [fileWith(a.map((l) => JSON.stringify(l)).join('\n'))], cv: 1 }, (s) => { out += s; })).toBe(2);
    expect(out).toContain('--cv takes a whole number');
  });

  it('should find no holdout items in a file that is not the holdout file', async () => {
    let out = '';
    expect(await evalCommand({ files: [fileWith(a.map((l) => JSON.stringify(l)).join('\n'))], holdout: true }, (s) => { out += s; })).toBe(1);
    expect(out).toContain('the holdout is in dev-2.jsonl');
  });

  it('should refuse cross-validation when two files share an id, before training', async () => {
    let out = '';
    const file = fileWith(a.map((l) => JSON.stringify(l)).join('\n'));
    expect(await evalCommand({ files: [file, file], cv: 2 }, (s) => { out += s; })).toBe(2);
    expect(out).toContain('ids unique across the files');
  });

  it('should hold out the holdout ids in a file of any name', async () => {
    let out = '';
    const held = { ...a[0], id: [...HOLDOUT.ids][0] };
    expect(await evalCommand({ files: [fileWith([held, a[1]].map((l) => JSON.stringify(l)).join('\n'))] }, (s) => { out += s; })).toBe(0);
    expect(out).toContain('1 holdout items left out');
    expect(out).toMatch(/records 1 /);
  });
});

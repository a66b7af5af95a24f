import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The built CLI as a user runs it (`npm run -s cli -- classify ...` is `tools/run.js --build apps/cli/src/main`): its
// worker threads exist only in the compiled output, so this is where the threaded path is tested.
const ROOT = resolve(__dirname, '../../..');

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['tools/run.js', '--build', 'apps/cli/src/main', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Invented leads: one announcement, one earnings note, one acquisition, each padded with a body.
const LEADS = [
  { title: 'Larkspur Therapeutics and the University of Oslo sign research collaboration on kidney fibrosis', text: 'Larkspur Therapeutics and the University of Oslo today announced a research collaboration to discover new targets in kidney fibrosis. Financial terms were not disclosed.' },
  { title: 'Quillon Pharma reports higher third-quarter revenue', text: 'Quillon Pharma said revenue rose 6% in the third quarter on stronger sales of its allergy portfolio.' },
  { title: 'Bramble Bio to acquire Tessel Genomics for $400 million', text: 'Bramble Bio will acquire Tessel Genomics in an all-cash deal expected to close next quarter.' },
];

describe('classify CLI with worker threads', () => {
  let file: string;
  const count = 4000;

  beforeAll(() => {
    const padding = ' The company is based in Europe and employs staff in several countries.'.repeat(4);
    let content = '';
    for (let i = 0; i < count; i++) {
      const lead = LEADS[i % LEADS.length];
      // Bad lines among good ones, and a blank line: numbering and order must survive the threads.
      if (i === 1500) content += '{"not json"\n\n';
      content += JSON.stringify({ id: `lead-${i}`, title: lead.title, text: lead.text + padding }) + '\n';
    }
    // More than one 1 MiB read, so the command starts its threads.
    expect(Buffer.byteLength(content)).toBeGreaterThan(1 << 20);
    file = join(mkdtempSync(join(tmpdir(), 'classify-cli-')), 'leads.jsonl');
    writeFileSync(file, content);
  });

  it('should write, with two threads, exactly what one thread writes, in input order', () => {
    const one = cli(['classify', '--jsonl', file, '--workers', '1']);
    const two = cli(['classify', '--jsonl', file, '--workers', '2']);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    // The threads did the work: every chunk (4002 lines, cut at reads and then every 64 lines) came back from a
    // worker, and none failed.
    const chunks = Number(/classify: (\d+) chunks of up to 64 lines classified by 2 worker threads/.exec(two.stderr)?.[1]);
    expect(chunks).toBeGreaterThanOrEqual(Math.ceil(4002 / 64));
    expect(two.stderr).not.toContain('failed in a worker');
    expect(one.stderr).not.toContain('worker threads');
    const out = two.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string | null; line?: number; is_rd_collaboration?: boolean; error?: { code: string } });
    expect(out).toHaveLength(count + 1);
    expect(out[1500]).toMatchObject({ id: null, line: 1501, error: { code: 'LINE_NOT_JSON' } });
    const ids = out.filter((o) => !o.error).map((o) => o.id);
    expect(ids).toEqual(Array.from({ length: count }, (_, i) => `lead-${i}`));
    expect(out.filter((o) => !o.error).map((o) => o.is_rd_collaboration).slice(0, 3)).toEqual([true, false, false]);
  }, 240_000);

  it('should refuse a --workers value that is not a whole number from 1 to 64', () => {
    const r = cli(['classify', '--jsonl', file, '--workers', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--workers must be a whole number from 1 to 64');
    expect(r.stdout).toBe('');
  }, 240_000);
});

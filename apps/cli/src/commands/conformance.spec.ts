import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conformanceCommand, type FolderReport } from './conformance';

const RSS = (title: string, items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${items}</channel></rss>`;
const ITEM = (t: string, link: string, date = 'Mon, 02 Mar 2026 10:00:00 GMT') => `<item><title>${t}</title><link>${link}</link><pubDate>${date}</pubDate></item>`;

function write(path: string, text: string) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

describe('conformanceCommand', () => {
  let corpus: string;
  beforeEach(() => {
    corpus = mkdtempSync(join(tmpdir(), 'conformance-'));
  });
  afterEach(() => rmSync(corpus, { recursive: true, force: true }));

  async function run(opts: Parameters<typeof conformanceCommand>[2] = {}) {
    const lines: string[] = [];
    const code = await conformanceCommand(corpus, (l) => lines.push(l), opts);
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const reports = rows.filter((r) => 'files' in r) as unknown as FolderReport[];
    return { code, rows, byFolder: Object.fromEntries(reports.map((r) => [r.folder, r])) };
  }

  it('should count files and met expectations per folder when a feedparser-style index and rss-parser-style outputs are given', async () => {
    // An expectation index in feedparser's derived format: one met title, one unmet title, one bozo check each.
    write(join(corpus, 'fp', 'a.xml'), RSS('Right title', ITEM('x', 'https://a.example/1')));
    write(join(corpus, 'fp', 'b.xml'), RSS('Other title', ''));
    write(join(corpus, 'fp', 'broken.xml'), '<rss><channel><title>cut');
    write(
      join(corpus, 'fp', '_expectations.json'),
      JSON.stringify({
        tests: [
          { file: 'a.xml', group: 'core', checks: [{ path: ['bozo'], op: 'falsy' }, { path: ['feed', 'title'], op: 'eq', value: 'Right title' }] },
          { file: 'b.xml', group: 'core', checks: [{ path: ['bozo'], op: 'falsy' }, { path: ['feed', 'title'], op: 'eq', value: 'Expected title' }] },
          { file: 'broken.xml', group: 'bozo-only', checks: [{ path: ['bozo'], op: 'truthy' }] },
          // A key outside our model is not counted.
          { file: 'a.xml', group: 'core', checks: [{ path: ['feed', 'generator'], op: 'eq', value: 'x' }] },
        ],
      }),
    );
    write(join(corpus, 'rp', 'input', 'one.rss'), RSS('Wire', ITEM('First', 'https://w.example/1') + ITEM('Second', 'https://w.example/2')));
    write(
      join(corpus, 'rp', 'output', 'one.json'),
      JSON.stringify({ feed: { title: 'Wire', items: [{ title: 'First', link: 'https://w.example/1', isoDate: '2026-03-02T10:00:00.000Z' }, { title: 'Second', link: 'https://W.Example/2' }] } }),
    );

    const { code, byFolder, rows } = await run({ details: true });

    expect(code).toBe(0);
    expect(byFolder.fp).toEqual({ folder: 'fp', files: 4, crashes: 0, hangs: 0, checks: 5, met: 4, share: 0.8 });
    // items count, 2 titles, 2 links (compared as URLs: host case does not matter), 1 date, feed title.
    expect(byFolder.rp).toEqual({ folder: 'rp', files: 1, crashes: 0, hangs: 0, checks: 7, met: 7, share: 1 });
    expect(byFolder.total).toMatchObject({ files: 5, checks: 12, met: 11 });
    expect(rows).toContainEqual({ folder: 'fp', file: 'b.xml', what: 'feed.title', expected: 'Expected title', actual: 'Other title' });
  });

  it('should report a hang and a crash and go on with the next file when a parse never returns or throws', async () => {
    write(join(corpus, 'feeds', 'a-good.xml'), RSS('Good', ''));
    write(join(corpus, 'feeds', 'b-hang.xml'), RSS('Hang', ''));
    write(join(corpus, 'feeds', 'c-crash.xml'), RSS('Crash', ''));
    write(join(corpus, 'feeds', 'd-good.xml'), RSS('Good', ''));
    // A stand-in parser worker: spins forever on "hang", throws on "crash", else answers an empty feed.
    const script = join(corpus, 'worker.cjs');
    writeFileSync(
      script,
      `const { parentPort } = require('node:worker_threads');
       parentPort.on('message', ({ id, input }) => {
         if (input.file.includes('hang')) for (;;) {}
         if (input.file.includes('crash')) throw new Error('boom');
         parentPort.postMessage({ id, ok: true, output: { ok: true, format: 'rss', feed: { title: 'Good', link: null, description: null, language: null }, items: [], warnings: [] } });
       });`,
    );

    const { code, byFolder } = await run({ workerScript: script, deadlineMs: 1_000 });

    expect(code).toBe(1);
    expect(byFolder.feeds).toMatchObject({ files: 4, crashes: 1, hangs: 1 });
  });

  it('should exit 2 when the corpus folder does not exist', async () => {
    const lines: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await conformanceCommand(join(corpus, 'missing'), (l) => lines.push(l))).toBe(2);
    } finally {
      stderr.mockRestore();
    }
    expect(lines).toEqual([]);
  });
});

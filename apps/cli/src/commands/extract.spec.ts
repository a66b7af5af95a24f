import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { extractCommand, MAX_PAGE_BYTES } from './extract';
import { commandBed } from './test/command-bed';

const para = (n: number) => `<p>Paragraph ${n}: Acme and Beta will jointly develop, test and market a new oncology compound, sharing costs and royalties.</p>`;
const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta property="og:title" content="Acme and Beta team up">
<meta property="article:published_time" content="2026-03-02T10:00:00Z"><meta name="author" content="Jane Roe"></head>
<body><nav><a href="/">Home</a></nav><article>${[1, 2, 3].map(para).join('')}</article><footer>© Wire</footer></body></html>`;

describe('extractCommand', () => {
  const bed = commandBed('extract-', extractCommand);

  it('should print one JSON line with title, text, date and authors when the file is an article page', async () => {
    const file = join(bed.dir, 'page.html');
    writeFileSync(file, PAGE);
    const { code, rows, lines } = await bed.run([file]);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(rows[0]).toEqual({
      input: file,
      ok: true,
      title: 'Acme and Beta team up',
      text: [1, 2, 3].map((n) => `Paragraph ${n}: Acme and Beta will jointly develop, test and market a new oncology compound, sharing costs and royalties.`).join('\n'),
      published: '2026-03-02T10:00:00.000Z',
      authors: ['Jane Roe'],
    });
  });

  it('should print an error line per failed input and return 0 while one input succeeded', async () => {
    const good = join(bed.dir, 'good.html');
    writeFileSync(good, PAGE);
    const { code, rows } = await bed.run([join(bed.dir, 'missing.html'), bed.dir, 'file:///etc/passwd', 'gopher://127.0.0.1:70/', good]);
    expect(code).toBe(0);
    expect(rows.map((r) => [r.ok, r.error?.code])).toEqual([
      [false, 'INPUT_UNREADABLE'],
      [false, 'INPUT_NOT_A_FILE'],
      [false, 'URL_SCHEME'],
      [false, 'URL_SCHEME'],
      [true, undefined],
    ]);
    expect(rows[2]).toMatchObject({ title: null, text: '' });
  });

  it('should return 1 when every input failed', async () => {
    const { code, rows } = await bed.run([join(bed.dir, 'missing.html'), 'FILE:/etc/hostname']);
    expect(code).toBe(1);
    expect(rows.map((r) => r.error.code)).toEqual(['INPUT_UNREADABLE', 'URL_SCHEME']);
  });

  it('should refuse a file larger than the page cap without reading it', async () => {
    const big = join(bed.dir, 'big.html');
    writeFileSync(big, Buffer.alloc(MAX_PAGE_BYTES + 1, 0x61));
    const { code, rows } = await bed.run([big]);
    expect(code).toBe(1);
    expect(rows[0].error.code).toBe('INPUT_TOO_LARGE');
  });

  describe('with a local HTTP server', () => {
    let server: http.Server;
    let base: string;
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        if (req.url === '/article') {
          res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
          res.end(Buffer.concat([Buffer.from('<html><head><title>Caf'), Buffer.from([0xe9]), Buffer.from(`</title></head><body><main>${para(1)}${para(2)}</main></body></html>`)]));
        } else if (req.url === '/image') {
          res.writeHead(200, { 'content-type': 'image/png' });
          res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
        } else if (req.url === '/huge') {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end(Buffer.alloc(MAX_PAGE_BYTES + 10, 0x61));
        } else {
          res.writeHead(404).end();
        }
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((r) => server.close(r)));

    it('should fetch and extract a URL through safeFetch when the policy allows the host, decoding its charset', async () => {
      const { code, rows } = await bed.run([`${base}/article`], { allowPrivateHosts: ['127.0.0.1'] });
      expect(code).toBe(0);
      expect(rows[0]).toMatchObject({ input: `${base}/article`, ok: true, title: 'Café' });
      expect(rows[0].text.split('\n')).toHaveLength(2);
    });

    it('should refuse the local server when the policy does not name it, as ingest does', async () => {
      const { code, rows } = await bed.run([`${base}/article`]);
      expect(code).toBe(1);
      expect(rows[0]).toMatchObject({ ok: false, error: { code: 'URL_PRIVATE_ADDRESS' } });
    });

    it('should report HTTP errors, non-HTML bodies and oversized bodies as error lines', async () => {
      const policy = { allowPrivateHosts: ['127.0.0.1'] };
      const { code, rows } = await bed.run([`${base}/gone`, `${base}/image`, `${base}/huge`], policy);
      expect(code).toBe(1);
      expect(rows.map((r) => r.error.code)).toEqual(['HTTP_NOT_FOUND', 'NOT_HTML', 'TOO_LARGE']);
    });
  });
});

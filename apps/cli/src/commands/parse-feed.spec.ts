import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseFeedArgs, parseFeedCommand } from './parse-feed';
import { commandBed } from './test/command-bed';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>CLI Wire</title><link>https://cli.example/</link>
<item><title>Acme &amp; Beta partner</title><link>/news/1</link><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><category>Deals</category></item></channel></rss>`;

describe('parseFeedCommand', () => {
  const bed = commandBed('parse-feed-', parseFeedCommand);

  it('should print one JSON line with the normalised feed when the file is a feed', async () => {
    const file = join(bed.dir, 'feed.xml');
    writeFileSync(file, RSS);
    const { code, rows, lines } = await bed.run([file]);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(rows[0]).toEqual({
      input: file,
      ok: true,
      feed: { title: 'CLI Wire', link: 'https://cli.example/', description: null, language: null },
      items: [
        {
          id: expect.stringMatching(/^i_/),
          title: 'Acme & Beta partner',
          link: 'https://cli.example/news/1',
          published: '2026-03-02T10:00:00.000Z',
          updated: null,
          summary: null,
          content: null,
          authors: [],
          categories: ['Deals'],
        },
      ],
      warnings: [],
    });
  });

  it('should print ok:false lines and return 1 when inputs are not feeds or missing, still one line each', async () => {
    const html = join(bed.dir, 'login.html');
    writeFileSync(html, '<!DOCTYPE html><html><body><form></form></body></html>');
    const good = join(bed.dir, 'good.xml');
    writeFileSync(good, RSS);
    const { code, rows } = await bed.run([html, join(bed.dir, 'missing.xml'), bed.dir, good]);
    expect(code).toBe(1);
    expect(rows.map((r) => [r.ok, r.error?.code])).toEqual([
      [false, 'FEED_NOT_A_FEED'],
      [false, 'INPUT_UNREADABLE'],
      [false, 'INPUT_NOT_A_FILE'],
      [true, undefined],
    ]);
    expect(rows[0]).toMatchObject({ feed: null, items: [], warnings: [] });
  });

  it('should fetch a URL through safeFetch when the policy allows the host', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(RSS);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`;
    try {
      const port = (server.address() as AddressInfo).port;
      const allowed = await bed.run([url], { allowPrivateHosts: [`127.0.0.1:${port}`] });
      expect(allowed.code).toBe(0);
      expect(allowed.rows[0]).toMatchObject({ input: url, ok: true, feed: { title: 'CLI Wire' } });
      const refused = await bed.run([url]);
      expect(refused.code).toBe(1);
      expect(refused.rows[0]).toMatchObject({ input: url, ok: false, error: { code: 'URL_PRIVATE_ADDRESS' } });
      const otherPort = await bed.run([url], { allowPrivateHosts: [`127.0.0.1:${port + 1}`] });
      expect(otherPort.rows[0]).toMatchObject({ input: url, ok: false, error: { code: 'URL_PRIVATE_ADDRESS' } });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('should refuse file:, gopher: and other schemes as schemes, not as missing files', async () => {
    const { code, rows } = await bed.run(['file:///etc/passwd', 'gopher://127.0.0.1:6379/_FLUSHALL', 'FTP://files.example/x', 'javascript:alert(1)']);
    expect(code).toBe(1);
    expect(rows.map((r) => [r.input, r.error.code])).toEqual([
      ['file:///etc/passwd', 'URL_SCHEME'],
      ['gopher://127.0.0.1:6379/_FLUSHALL', 'URL_SCHEME'],
      ['FTP://files.example/x', 'URL_SCHEME'],
      ['javascript:alert(1)', 'URL_SCHEME'],
    ]);
    expect(rows[0].error.message).toContain('scheme file: refused');
  });

  it('should say how many items were cut and which dates were ignored when a feed is too long', async () => {
    const items = Array.from({ length: 502 }, (_, i) => `<item><title>Item ${i}</title><link>https://cli.example/${i}</link>${i === 0 ? '<pubDate>not a date</pubDate>' : ''}</item>`).join('');
    const file = join(bed.dir, 'long.xml');
    writeFileSync(file, `<?xml version="1.0"?><rss version="2.0"><channel><title>Long</title>${items}</channel></rss>`);
    const { code, rows } = await bed.run([file]);
    expect(code).toBe(0);
    expect(rows[0].items).toHaveLength(500);
    expect(rows[0].warnings).toEqual([
      { code: 'ITEMS_CUT', count: 2, message: expect.stringContaining('2 items') },
      { code: 'DATE_IGNORED', count: 1, message: expect.stringContaining('not a date') },
    ]);
  });
});

describe('parseFeedArgs', () => {
  it('should read --allow-host host:port and INGEST_ALLOW_PRIVATE_HOSTS into the policy and keep the inputs in order', () => {
    expect(parseFeedArgs(['a.xml', '--allow-host', '127.0.0.1:8080', 'http://127.0.0.1:8080/rss'], { INGEST_ALLOW_PRIVATE_HOSTS: '[::1]:9000' })).toEqual({
      inputs: ['a.xml', 'http://127.0.0.1:8080/rss'],
      policy: { allowPrivateHosts: ['127.0.0.1:8080', '[::1]:9000'] },
    });
  });

  it.each([
    [['--allow-host', '127.0.0.1', 'x.xml'], {}],
    [['x.xml'], { INGEST_ALLOW_PRIVATE_HOSTS: 'localhost' }],
    [['x.xml', '--allow-host'], {}],
  ])('should explain the mistake when an allowed host is not host:port (%j)', (args, env) => {
    expect(parseFeedArgs(args, env)).toEqual(expect.stringMatching(/host:port/));
  });
});

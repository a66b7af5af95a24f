import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeedCommand } from './parse-feed';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>CLI Wire</title><link>https://cli.example/</link>
<item><title>Acme &amp; Beta partner</title><link>/news/1</link><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><category>Deals</category></item></channel></rss>`;

describe('parseFeedCommand', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parse-feed-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (inputs: string[], policy?: { allowPrivateHosts: string[] }) => {
    const lines: string[] = [];
    const code = await parseFeedCommand(inputs, (l) => lines.push(l), policy ? { policy } : {});
    return { code, rows: lines.map((l) => JSON.parse(l)), lines };
  };

  it('should print one JSON line with the normalised feed when the file is a feed', async () => {
    const file = join(dir, 'feed.xml');
    writeFileSync(file, RSS);
    const { code, rows, lines } = await run([file]);
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
    });
  });

  it('should print ok:false lines and return 1 when inputs are not feeds or missing, still one line each', async () => {
    const html = join(dir, 'login.html');
    writeFileSync(html, '<!DOCTYPE html><html><body><form></form></body></html>');
    const good = join(dir, 'good.xml');
    writeFileSync(good, RSS);
    const { code, rows } = await run([html, join(dir, 'missing.xml'), dir, good]);
    expect(code).toBe(1);
    expect(rows.map((r) => [r.ok, r.error?.code])).toEqual([
      [false, 'FEED_NOT_A_FEED'],
      [false, 'INPUT_UNREADABLE'],
      [false, 'INPUT_NOT_A_FILE'],
      [true, undefined],
    ]);
    expect(rows[0]).toMatchObject({ feed: null, items: [] });
  });

  it('should fetch a URL through safeFetch when the policy allows the host', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(RSS);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`;
    try {
      const allowed = await run([url], { allowPrivateHosts: ['127.0.0.1'] });
      expect(allowed.code).toBe(0);
      expect(allowed.rows[0]).toMatchObject({ input: url, ok: true, feed: { title: 'CLI Wire' } });
      const refused = await run([url]);
      expect(refused.code).toBe(1);
      expect(refused.rows[0]).toMatchObject({ input: url, ok: false, error: { code: 'URL_PRIVATE_ADDRESS' } });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

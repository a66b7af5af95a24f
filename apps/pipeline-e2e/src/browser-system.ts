import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHttpServer, type TestHttpServer } from '@pharma-radar/testing';

// `npm start` as a newcomer runs it (the same entry: tools/run.js apps/cli/src/main start), on the embedded bus and
// store, on a free port, polling the bundled sample feed and a local feed server the test can add items to.

export const ROOT = resolve(__dirname, '../../..');

/** CHROMIUM_PATH, else Debian's `chromium` on PATH. puppeteer-core never downloads a browser; .ci/run installs the package. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found && existsSync(found)) return found;
    } catch {
      // not installed under this name
    }
  }
  throw new Error("Chromium not found: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH");
}

/** Headless as root on a CI machine (no sandbox there), at a laptop's screen size. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--window-size=1366,768', '--no-first-run', '--no-default-browser-check', '--disable-extensions'];

export interface FeedItem {
  guid: string;
  title: string;
  text: string;
  pubDate: string;
  link: string;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function rss(items: readonly FeedItem[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local Test Wire</title><link>https://local-wire.example/</link><description>Invented items for the browser tests</description>
${items.map((i) => `<item><title>${xml(i.title)}</title><link>${xml(i.link)}</link><guid isPermaLink="false">${xml(i.guid)}</guid><pubDate>${i.pubDate}</pubDate><description>${xml(i.text)}</description></item>`).join('\n')}
</channel></rss>`;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

export interface RunningSystem {
  url: string;
  /** The sign-in link npm start printed (demo key in the fragment). */
  loginLink: string;
  feed: { items: FeedItem[]; server: TestHttpServer };
  output: () => string;
  stop(): Promise<void>;
}

export async function startSystem(items: FeedItem[], opts: { pollSeconds: number }): Promise<RunningSystem> {
  // dist/ up to date, as `npm start` does before it runs.
  const build = spawnSync(process.execPath, ['tools/run.js', '--build', 'apps/cli/src/main', 'help'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('build failed');

  const feed = { items, server: undefined as unknown as TestHttpServer };
  // The feed as it is at each poll: the test adds items to `feed.items` while the system runs.
  feed.server = await startHttpServer((req, res) => {
    if (req.path.split('?')[0] !== '/feed.xml') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss(feed.items));
  });
  const dir = mkdtempSync(join(tmpdir(), 'browser-e2e-'));
  const feedsFile = join(dir, 'feeds.json');
  writeFileSync(feedsFile, JSON.stringify({
    feeds: [
      { id: 'sample.pharma-wire', title: 'Pharma Wire (bundled sample, RSS 2.0)', file: join(ROOT, 'config/sample-feeds/pharma-wire.xml') },
      { id: 'sample.biotech-daily', title: 'Biotech Daily (bundled sample, Atom 1.0)', file: join(ROOT, 'config/sample-feeds/biotech-daily.atom') },
      { id: 'sample.research-news', title: 'Research News (bundled sample, JSON Feed 1.1)', file: join(ROOT, 'config/sample-feeds/research-news.json') },
      { id: 'local.test-wire', title: 'Local Test Wire', url: `${feed.server.url}/feed.xml` },
    ],
  }));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, FEEDS_FILE: feedsFile, DASHBOARD_HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', INGEST_FETCH_ARTICLES: 'false',
    INGEST_POLL_INTERVAL_SECONDS: String(opts.pollSeconds), INGEST_ALLOW_PRIVATE_HOSTS: new URL(feed.server.url).host, LOG_LEVEL: 'warn' };
  // The embedded bus and store, as a newcomer's `npm start`: CI's broker and Redis are for the other tests.
  delete env.KAFKA_BROKERS;
  delete env.REDIS_URL;
  const child: ChildProcess = spawn(process.execPath, ['tools/run.js', 'apps/cli/src/main', 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const loginLink = await new Promise<string>((res, rej) => {
    const deadline = setTimeout(() => rej(new Error(`npm start printed no sign-in link in 60 s:\n${out.slice(-3_000)}`)), 60_000);
    const look = () => {
      const m = /Dashboard: (http:\/\/127\.0\.0\.1:\d+\/login#key=prk_[A-Za-z0-9_-]+)/.exec(out);
      if (m) {
        clearTimeout(deadline);
        res(m[1]);
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => rej(new Error(`npm start exited ${code}:\n${out.slice(-3_000)}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    loginLink,
    feed,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(force);
      }
      await feed.server.close();
    },
  };
}

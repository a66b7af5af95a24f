import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { parseRetryAfter, safeFetch } from './index';

// Names the tests resolve themselves; everything else goes to the real resolver (and is never used here).
const fakeDns = new Map<string, { address: string; family: number }[]>();
jest.mock('node:dns/promises', () => {
  const real = jest.requireActual('node:dns/promises');
  return {
    ...real,
    lookup: async (host: string, opts: unknown) => fakeDns.get(host) ?? real.lookup(host, opts),
  };
});

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface TestServer {
  url: string;
  port: number;
  requests: http.IncomingMessage[];
  close: () => Promise<void>;
}

async function serve(handler: Handler): Promise<TestServer> {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function rawServer(onSocket: (s: net.Socket) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    onSocket(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

const policy = { allowPrivateHosts: ['127.0.0.1'] };
const servers: { close: () => Promise<void> }[] = [];
const track = <T extends { close: () => Promise<void> }>(s: T) => {
  servers.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  fakeDns.clear();
});

describe('safeFetch', () => {
  it('should return the body and validators when the server answers 200', async () => {
    const s = track(await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Mon, 02 Mar 2026 10:00:00 GMT' });
      res.end('<rss/>');
    }));
    const r = await safeFetch(`${s.url}/feed`, { policy });
    expect(r).toMatchObject({ ok: true, status: 200, notModified: false, url: `${s.url}/feed`, etag: '"v1"', lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT' });
    if (r.ok) expect(r.body.toString()).toBe('<rss/>');
    expect(s.requests[0].headers['user-agent']).toBe('PharmaRadar/0.1 (+https://pharma-radar.example/bot)');
    expect(s.requests[0].headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('should send conditional headers and report notModified when the server answers 304', async () => {
    const s = track(await serve((req, res) => {
      if (req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since'] === 'Mon, 02 Mar 2026 10:00:00 GMT') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
      } else {
        res.writeHead(200);
        res.end('changed');
      }
    }));
    const r = await safeFetch(s.url, { policy, etag: '"v1"', lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT' });
    expect(r).toMatchObject({ ok: true, status: 304, notModified: true, etag: '"v1"' });
    if (r.ok) expect(r.body).toHaveLength(0);
  });

  it('should follow a redirect chain and report the final URL', async () => {
    const s = track(await serve((req, res) => {
      const next: Record<string, string> = { '/a': '/b', '/b': 'c', '/c': '/final' };
      if (next[req.url!]) {
        res.writeHead(req.url === '/a' ? 301 : 302, { location: next[req.url!] });
        res.end();
      } else {
        res.writeHead(200);
        res.end('done');
      }
    }));
    const r = await safeFetch(`${s.url}/a`, { policy });
    expect(r).toMatchObject({ ok: true, url: `${s.url}/final` });
    expect(s.requests.map((q) => q.url)).toEqual(['/a', '/b', '/c', '/final']);
  });

  it('should stop with TOO_MANY_REDIRECTS when a chain has 6 hops or loops', async () => {
    const s = track(await serve((req, res) => {
      const n = Number(req.url!.slice(1)) || 0;
      res.writeHead(302, { location: req.url === '/loop' ? '/loop' : `/${n + 1}` });
      res.end();
    }));
    expect(await safeFetch(`${s.url}/0`, { policy })).toMatchObject({ ok: false, code: 'TOO_MANY_REDIRECTS' });
    expect(await safeFetch(`${s.url}/loop`, { policy, maxRedirects: 3 })).toMatchObject({ ok: false, code: 'TOO_MANY_REDIRECTS' });
  });

  it('should refuse a redirect into a disallowed address before connecting to it', async () => {
    const target = track(await serve((_req, res) => res.end('internal secrets')));
    const s = track(await serve((req, res) => {
      const to: Record<string, string> = {
        '/localhost': `http://localhost:${target.port}/`,
        '/metadata': 'http://169.254.169.254/latest/meta-data/',
        '/file': 'file:///etc/passwd',
        '/crlf': '/x%0d%0aSet-Cookie:%20a=b',
        '/gopher': `gopher://127.0.0.1:${target.port}/_FLUSHALL`,
      };
      res.writeHead(302, { location: to[req.url!] });
      res.end();
    }));
    expect(await safeFetch(`${s.url}/localhost`, { policy })).toMatchObject({ ok: false, code: 'URL_INTERNAL_HOST' });
    expect(await safeFetch(`${s.url}/metadata`, { policy })).toMatchObject({ ok: false, code: 'URL_PRIVATE_ADDRESS' });
    expect(await safeFetch(`${s.url}/file`, { policy })).toMatchObject({ ok: false, code: 'URL_SCHEME' });
    expect(await safeFetch(`${s.url}/crlf`, { policy })).toMatchObject({ ok: false, code: 'REDIRECT_INVALID' });
    expect(await safeFetch(`${s.url}/gopher`, { policy })).toMatchObject({ ok: false, code: 'URL_SCHEME' });
    expect(target.requests).toHaveLength(0);
  });

  it('should refuse a name that resolves to an internal address, and never connect', async () => {
    const target = track(await serve((_req, res) => res.end('internal')));
    fakeDns.set('rebind.example', [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }]);
    fakeDns.set('sneaky.example', [{ address: '10.0.0.5', family: 4 }]);
    expect(await safeFetch(`http://rebind.example:${target.port}/`, { policy: {} })).toMatchObject({ ok: false, code: 'URL_PRIVATE_ADDRESS' });
    expect(await safeFetch(`http://sneaky.example:${target.port}/`, { policy })).toMatchObject({ ok: false, code: 'URL_PRIVATE_ADDRESS' });
    expect(target.requests).toHaveLength(0);
  });

  it('should fetch only the allowed port and refuse a redirect to another port of the same host when the policy names host:port', async () => {
    const admin = track(await serve((_req, res) => res.end('admin')));
    const feed = track(await serve((req, res) => {
      if (req.url === '/to-admin') {
        res.writeHead(302, { location: `${admin.url}/admin` });
        res.end();
      } else res.end('<rss/>');
    }));
    const portPolicy = { allowPrivateHosts: [`127.0.0.1:${feed.port}`] };
    expect(await safeFetch(`${feed.url}/feed`, { policy: portPolicy })).toMatchObject({ ok: true });
    expect(await safeFetch(`${admin.url}/admin`, { policy: portPolicy })).toMatchObject({ ok: false, code: 'URL_PRIVATE_ADDRESS' });
    expect(await safeFetch(`${feed.url}/to-admin`, { policy: portPolicy })).toMatchObject({ ok: false, code: 'URL_PRIVATE_ADDRESS' });
    fakeDns.set('onprem.example', [{ address: '127.0.0.1', family: 4 }]);
    expect(await safeFetch(`http://onprem.example:${admin.port}/admin`, { policy: portPolicy })).toMatchObject({ ok: false, code: 'URL_PRIVATE_ADDRESS' });
    expect(admin.requests).toHaveLength(0);
  });

  it('should connect to the checked address and keep the Host header when a name resolves', async () => {
    const s = track(await serve((req, res) => res.end(req.headers.host)));
    fakeDns.set('feeds.example', [{ address: '127.0.0.1', family: 4 }]);
    const r = await safeFetch(`http://feeds.example:${s.port}/rss`, { policy });
    expect(r).toMatchObject({ ok: true, url: `http://feeds.example:${s.port}/rss` });
    if (r.ok) expect(r.body.toString()).toBe(`feeds.example:${s.port}`);
  });

  it('should reuse one kept-alive connection across fetches, 304s included, when the server allows it', async () => {
    const s = track(await serve((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
      else res.writeHead(200, { etag: '"v1"' }).end('<rss/>');
    }));
    const first = await safeFetch(`${s.url}/rss`, { policy });
    expect(first).toMatchObject({ ok: true, status: 200 });
    for (let i = 0; i < 3; i++) expect(await safeFetch(`${s.url}/rss`, { policy, etag: '"v1"' })).toMatchObject({ ok: true, notModified: true });
    expect(s.requests).toHaveLength(4);
    expect(new Set(s.requests.map((r) => r.socket.remotePort)).size).toBe(1);
  });

  it('should not reuse a pooled connection for a name that now resolves to another address (rebinding)', async () => {
    const s = track(await serve((_req, res) => res.end('ok')));
    const both = { allowPrivateHosts: ['127.0.0.1', '127.0.0.2'] };
    fakeDns.set('rebind.example', [{ address: '127.0.0.1', family: 4 }]);
    expect(await safeFetch(`http://rebind.example:${s.port}/`, { policy: both })).toMatchObject({ ok: true });
    // The server listens on 127.0.0.1 only: reaching it again would mean the old socket served the new address.
    fakeDns.set('rebind.example', [{ address: '127.0.0.2', family: 4 }]);
    expect(await safeFetch(`http://rebind.example:${s.port}/`, { policy: both })).toMatchObject({ ok: false, code: 'CONNECT_FAILED' });
    expect(s.requests).toHaveLength(1);
  });

  it('should cut off with TOO_LARGE when 50 KB of gzip inflates to 50 MB', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const s = track(await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': bomb.length });
      res.end(bomb);
    }));
    const started = Date.now();
    expect(await safeFetch(s.url, { policy })).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('should decode gzip and br when the server compresses, and refuse long coding chains', async () => {
    const s = track(await serve((req, res) => {
      if (req.url === '/chain') {
        res.writeHead(200, { 'content-encoding': 'gzip, gzip, gzip, gzip, gzip, br' });
        res.end('x');
      } else if (req.url === '/two') {
        res.writeHead(200, { 'content-encoding': 'gzip, br' });
        res.end(zlib.brotliCompressSync(zlib.gzipSync('two layers')));
      } else {
        res.writeHead(200, { 'content-encoding': 'br' });
        res.end(zlib.brotliCompressSync('brotli body'));
      }
    }));
    const br = await safeFetch(`${s.url}/br`, { policy });
    expect(br.ok && br.body.toString()).toBe('brotli body');
    const two = await safeFetch(`${s.url}/two`, { policy });
    expect(two.ok && two.body.toString()).toBe('two layers');
    expect(await safeFetch(`${s.url}/chain`, { policy })).toMatchObject({ ok: false, code: 'ENCODING_UNSUPPORTED' });
  });

  it('should refuse with TOO_LARGE when Content-Length or the body exceeds maxBytes', async () => {
    const s = track(await serve((req, res) => {
      if (req.url === '/declared') res.writeHead(200, { 'content-length': 10_000_000 });
      else res.writeHead(200);
      res.write(Buffer.alloc(2_000));
      if (req.url !== '/declared') res.end(Buffer.alloc(2_000));
    }));
    expect(await safeFetch(`${s.url}/declared`, { policy, maxBytes: 1_000 })).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(await safeFetch(`${s.url}/chunked`, { policy, maxBytes: 3_000 })).toMatchObject({ ok: false, code: 'TOO_LARGE' });
  });

  it('should read only Content-Length bytes when the server sends more, and flag a short body', async () => {
    const liar = track(await rawServer((sock) => {
      sock.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n');
      sock.write(Buffer.alloc(1_000_000, 0x61));
      sock.end();
    }));
    const r = await safeFetch(liar.url, { policy });
    expect(r.ok && r.body.length).toBe(10);
    const short = track(await rawServer((sock) => {
      sock.end('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly this');
    }));
    expect(await safeFetch(short.url, { policy })).toMatchObject({ ok: false, code: 'BODY_INCOMPLETE', retryable: true });
  });

  it('should give up with TIMEOUT when the body drips one byte at a time', async () => {
    const s = track(await serve((_req, res) => {
      res.writeHead(200);
      const t = setInterval(() => res.write('x'), 100);
      res.on('close', () => clearInterval(t));
    }));
    const started = Date.now();
    expect(await safeFetch(s.url, { policy, timeoutMs: 400 })).toMatchObject({ ok: false, code: 'TIMEOUT', retryable: true });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('should give up with TIMEOUT when the server accepts and stays silent', async () => {
    const silent = track(await rawServer(() => undefined));
    const started = Date.now();
    expect(await safeFetch(silent.url, { policy, timeoutMs: 300 })).toMatchObject({ ok: false, code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('should report ABORTED when the caller aborts', async () => {
    const silent = track(await rawServer(() => undefined));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    expect(await safeFetch(silent.url, { policy, signal: ac.signal })).toMatchObject({ ok: false, code: 'ABORTED' });
  });

  it('should map error statuses to codes and read Retry-After', async () => {
    const s = track(await serve((req, res) => {
      const [status, retry] = req.url!.slice(1).split('-');
      res.writeHead(Number(status), retry ? { 'retry-after': retry } : {});
      res.end('nope');
    }));
    expect(await safeFetch(`${s.url}/404`, { policy })).toMatchObject({ ok: false, code: 'HTTP_NOT_FOUND', status: 404, retryable: false });
    expect(await safeFetch(`${s.url}/410`, { policy })).toMatchObject({ ok: false, code: 'HTTP_NOT_FOUND', status: 410 });
    expect(await safeFetch(`${s.url}/403`, { policy })).toMatchObject({ ok: false, code: 'HTTP_CLIENT_ERROR', status: 403, retryable: false });
    expect(await safeFetch(`${s.url}/500`, { policy })).toMatchObject({ ok: false, code: 'HTTP_SERVER_ERROR', status: 500, retryable: true });
    expect(await safeFetch(`${s.url}/429-3`, { policy })).toMatchObject({ ok: false, code: 'HTTP_RATE_LIMITED', status: 429, retryAfterMs: 3_000 });
    expect(await safeFetch(`${s.url}/503-120`, { policy })).toMatchObject({ ok: false, code: 'HTTP_SERVER_ERROR', status: 503, retryAfterMs: 120_000 });
  });

  it('should report CONNECT_FAILED when nothing listens', async () => {
    const s = await serve((_req, res) => res.end());
    const url = s.url;
    await s.close();
    expect(await safeFetch(url, { policy })).toMatchObject({ ok: false, code: 'CONNECT_FAILED', retryable: true });
  });

  it('should refuse internal URLs with the default policy without a request', async () => {
    const s = track(await serve((_req, res) => res.end('x')));
    expect(await safeFetch(s.url, { policy: {} })).toMatchObject({ ok: false, code: 'URL_PRIVATE_ADDRESS' });
    expect(s.requests).toHaveLength(0);
  });
});

describe('parseRetryAfter', () => {
  it('should read seconds and HTTP dates and ignore nonsense', () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 00:02:00 GMT', now)).toBe(120_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('99999999', now)).toBe(86_400_000);
  });
});

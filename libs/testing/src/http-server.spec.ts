import { request } from 'node:http';
import { answerInTurn, serveRoutes, startHttpServer, type TestHttpServer } from './http-server';

describe('startHttpServer', () => {
  let server: TestHttpServer;

  afterEach(async () => {
    await server.close();
  });

  it('should record method, path, headers and body when a request arrives', async () => {
    server = await startHttpServer();
    const response = await fetch(`${server.url}/hooks/abc?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'corr-1' },
      body: JSON.stringify({ text: 'Pfizer and BioNTech expand collaboration' }),
    });
    expect(response.status).toBe(200);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.requests).toHaveLength(1);
    const [recorded] = server.requests;
    expect(recorded.method).toBe('POST');
    expect(recorded.path).toBe('/hooks/abc?x=1');
    expect(recorded.headers['x-correlation-id']).toBe('corr-1');
    expect(JSON.parse(recorded.body)).toEqual({ text: 'Pfizer and BioNTech expand collaboration' });
  });

  it('should answer with the new handler when setHandler replaces it', async () => {
    server = await startHttpServer((_req, res) => res.end('first'));
    expect(await (await fetch(server.url)).text()).toBe('first');
    server.setHandler((_req, res) => {
      res.writeHead(503, { 'retry-after': '2' });
      res.end('busy');
    });
    const second = await fetch(server.url);
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('2');
    expect(await second.text()).toBe('busy');
  });

  it('should answer 500 with the message when the handler throws', async () => {
    server = await startHttpServer(() => {
      throw new Error('boom');
    });
    const response = await fetch(server.url);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('boom');
  });

  it('should close even when a handler never ends its response', async () => {
    server = await startHttpServer((_req, res) => res.write('partial'));
    const hung = new Promise<void>((resolve) => {
      request(server.url, (res) => {
        res.once('data', () => resolve());
        res.on('error', () => undefined);
      })
        .on('error', () => undefined)
        .end();
    });
    await hung;
    await server.close();
    await expect(fetch(server.url)).rejects.toThrow();
    server = await startHttpServer(); // afterEach closes a server
  });
});

describe('serveRoutes', () => {
  let server: TestHttpServer;

  beforeAll(async () => {
    server = await startHttpServer(
      serveRoutes({
        '/feed.xml': { headers: { 'content-type': 'application/rss+xml' }, body: '<rss version="2.0"><channel/></rss>' },
        '/feed.xml?page=2': { body: 'page two' },
        '/moved': { status: 301, headers: { location: '/feed.xml' }, body: '' },
      }),
    );
  });

  afterAll(async () => {
    await server.close();
  });

  it('should serve the route body and headers when the path matches', async () => {
    const response = await fetch(`${server.url}/feed.xml?utm_source=x`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/rss+xml');
    expect(await response.text()).toBe('<rss version="2.0"><channel/></rss>');
  });

  it('should prefer the exact target when a route includes the query string', async () => {
    expect(await (await fetch(`${server.url}/feed.xml?page=2`)).text()).toBe('page two');
  });

  it('should send the configured status and location when the route is a redirect', async () => {
    const response = await fetch(`${server.url}/moved`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/feed.xml');
  });

  it('should answer 404 when no route matches, even for a prototype key', async () => {
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/__proto__`)).status).toBe(404);
  });
});

describe('answerInTurn', () => {
  it('should answer in the given order and then repeat the last answer', async () => {
    const server = await startHttpServer(answerInTurn({ status: 500 }, { status: 429, headers: { 'retry-after': '2' }, body: 'slow down' }, { status: 200, body: 'ok' }));
    try {
      const seen: Array<[number, string | null, string]> = [];
      for (let i = 0; i < 4; i++) {
        const res = await fetch(server.url, { method: 'POST', body: '{}' });
        seen.push([res.status, res.headers.get('retry-after'), await res.text()]);
      }
      expect(seen).toEqual([[500, null, ''], [429, '2', 'slow down'], [200, null, 'ok'], [200, null, 'ok']]);
      expect(server.requests).toHaveLength(4);
    } finally {
      await server.close();
    }
  });

  it('should refuse an empty script', () => {
    expect(() => answerInTurn()).toThrow(RangeError);
  });
});

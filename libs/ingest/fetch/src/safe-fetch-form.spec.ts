import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { safeFetch } from './index';

// Form POSTs (WebSub subscription requests) go through the same guard as GETs.
async function serve(handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void) {
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

describe('safeFetch with a form', () => {
  it('POSTs the fields form-encoded and returns the answer', async () => {
    const seen: { method?: string; type?: string; body?: string } = {};
    const s = await serve((req, body, res) => {
      Object.assign(seen, { method: req.method, type: req.headers['content-type'], body });
      res.writeHead(202).end();
    });
    try {
      const r = await safeFetch(`${s.url}/hub`, { policy: { allowPrivateHosts: [`127.0.0.1:${s.port}`] }, form: { 'hub.mode': 'subscribe', 'hub.topic': 'https://wire.example/a b' } });
      expect(r).toMatchObject({ ok: true, status: 202 });
      expect(seen).toEqual({ method: 'POST', type: 'application/x-www-form-urlencoded', body: 'hub.mode=subscribe&hub.topic=https%3A%2F%2Fwire.example%2Fa+b' });
    } finally {
      await s.close();
    }
  });

  it('never follows a redirect with the form, and refuses private addresses like a GET', async () => {
    const s = await serve((_req, _body, res) => res.writeHead(307, { location: '/elsewhere' }).end());
    try {
      const r = await safeFetch(`${s.url}/hub`, { policy: { allowPrivateHosts: [`127.0.0.1:${s.port}`] }, form: { a: '1' } });
      expect(r).toMatchObject({ ok: false, code: 'TOO_MANY_REDIRECTS', status: 307 });
      expect(await safeFetch(`${s.url}/hub`, { policy: {}, form: { a: '1' } })).toMatchObject({ ok: false, code: 'URL_PRIVATE_ADDRESS' });
    } finally {
      await s.close();
    }
  });
});

import { createServer, type IncomingHttpHeaders, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** The request target as sent, query string included. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Answers one request. The body is already read into `req.body`; `res` is the raw response, so a
 * handler can also misbehave on purpose (drip bytes, never end, lie about Content-Length).
 * A returned promise is awaited; any other return value is ignored (so `(_, res) => res.end()` fits).
 */
export type HttpHandler = (req: RecordedRequest, res: ServerResponse) => unknown;

export interface TestHttpServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  port: number;
  /** Every request received, in arrival order. */
  requests: RecordedRequest[];
  setHandler(handler: HttpHandler): void;
  close(): Promise<void>;
}

export interface RouteResponse {
  status?: number;
  headers?: OutgoingHttpHeaders;
  body: string | Buffer;
}

const okEmpty: HttpHandler = (_req, res) => {
  res.statusCode = 200;
  res.end();
};

/** Starts an HTTP server on 127.0.0.1 with a random port that records every request. */
export async function startHttpServer(handler: HttpHandler = okEmpty): Promise<TestHttpServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      Promise.resolve()
        .then(() => current(recorded, res))
        .catch((error: unknown) => {
          // A broken handler must show up in the test as a 500, not as a hung request.
          if (!res.headersSent) {
            res.writeHead(500, { 'content-type': 'text/plain' });
          }
          res.end(`test handler failed: ${error instanceof Error ? error.message : String(error)}`);
        });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setHandler(next) {
      current = next;
    },
    close() {
      // Handlers that never end their response would otherwise keep close() waiting forever.
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/**
 * A handler serving fixed responses by path. A key with a query string matches only that exact
 * target; otherwise the path without its query matches. Anything else is a 404.
 */
export function serveRoutes(routes: Record<string, RouteResponse>): HttpHandler {
  const table = new Map(Object.entries(routes));
  return (req, res) => {
    const route = table.get(req.path) ?? table.get(req.path.split('?')[0]);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`no route for ${req.path}`);
      return;
    }
    res.writeHead(route.status ?? 200, route.headers ?? {});
    res.end(route.body);
  };
}

export interface ScriptedAnswer {
  status: number;
  headers?: OutgoingHttpHeaders;
  body?: string;
}

/**
 * A handler answering requests in turn from `answers` (a Slack-like or webhook receiver that says
 * 500, then 429 with Retry-After, then 200…). Once they run out, the last answer repeats.
 */
export function answerInTurn(...answers: ScriptedAnswer[]): HttpHandler {
  if (answers.length === 0) throw new RangeError('answerInTurn needs at least one answer');
  let next = 0;
  return (_req, res) => {
    const answer = answers[Math.min(next, answers.length - 1)];
    next += 1;
    res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
    res.end(answer.body ?? '');
  };
}

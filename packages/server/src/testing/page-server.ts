import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PageHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 whose pages a test sets and changes between fetches. */
export interface PageServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  /** Serves `path` with `handler` (or this HTML) from now on. */
  set(path: string, page: string | PageHandler): void;
  /** Paths requested so far, in order, with the request headers. */
  requests: { path: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, PageHandler>();
  const requests: PageServer['requests'] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, headers: request.headers });
    const handler = pages.get(path);
    if (handler) handler(request, response);
    else response.writeHead(404, { 'content-type': 'text/html' }).end('<p>No such page</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    set(path, page) {
      pages.set(
        path,
        typeof page === 'string'
          ? (_request, response) =>
              response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page)
          : page,
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

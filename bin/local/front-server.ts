/**
 * The one HTTP server people and tests talk to (CloudFront's part locally). It listens
 * before anything else starts, so the port is known for CORS, share links and
 * config.json and a taken port fails fast; until the app is ready it answers 503.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_HOST } from './ports.js';

export type App = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export interface FrontServer {
  port: number;
  serve(app: App): void;
  close(): Promise<void>;
}

const text = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(body);

export async function startFrontServer(options: {
  port: number;
  logError: (message: string, error: unknown) => void;
}): Promise<FrontServer> {
  let app: App | undefined;
  const server = createServer((req, res) => {
    // Only origin-form targets ("/path?query"); `*` and absolute URLs are not for this server.
    const url = req.url?.startsWith('/') ? URL.parse(`http://${LOCAL_HOST}${req.url}`) : null;
    if (!url) return text(res, 400, 'Bad Request\n');
    if (!app) return text(res, 503, 'Starting…\n', { 'retry-after': '2' });
    app(req, res, url).catch((error: unknown) => {
      options.logError(`${req.method} ${url.pathname} failed`, error);
      if (res.headersSent) res.destroy();
      else text(res, 500, 'Internal Server Error\n');
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${options.port} on ${LOCAL_HOST} is in use (set PORT to use another)`) : error),
    );
    server.listen(options.port, LOCAL_HOST, () => resolve((server.address() as AddressInfo).port));
  });
  return {
    port,
    serve(ready) {
      app = ready;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

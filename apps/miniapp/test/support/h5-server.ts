import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export interface H5Server {
  url: string;
  close(): Promise<void>;
}

/** Forwards the request as is to `origin` (same path and query) and streams the answer back. */
function proxy(origin: string, req: IncomingMessage, res: ServerResponse) {
  const target = new URL(req.url ?? '/', origin);
  const upstream = request(
    target,
    { method: req.method, headers: { ...req.headers, host: target.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    res.writeHead(502).end();
  });
  req.pipe(upstream);
}

function serveFile(root: string, req: IncomingMessage, res: ServerResponse) {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://h5').pathname);
  let file = normalize(join(root, path));
  if (!file.startsWith(root + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
    // The app routes by hash; anything that is not a built file gets the page itself.
    file = join(root, 'index.html');
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
  });
  createReadStream(file).pipe(res);
}

/**
 * Serves the H5 build like a deployment would, with `/api` and `/sim` on the same origin
 * (forwarded to the API and the simulator), so the bundle needs no CORS and no baked-in ports.
 */
export async function serveH5(options: {
  root: string;
  apiUrl: string;
  simulatorUrl: string;
}): Promise<H5Server> {
  const root = resolve(options.root);
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith('/api/')) proxy(options.apiUrl, req, res);
    else if (path.startsWith('/sim/')) proxy(options.simulatorUrl, req, res);
    else serveFile(root, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

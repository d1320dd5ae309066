import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLIENT_ROUTES } from './client-routes';
import { CONTROL_ROUTES } from './control-routes';
import {
  BodyTooLargeError,
  errorBody,
  parseJsonObject,
  readBody,
  sendJson,
  splitUrl,
} from './http-io';
import { INDEX_PATHS, sendIndex } from './index-page';
import type { SimulatorOptions } from './sim-config';
import type { SimRoute } from './sim-route';
import { Simulator } from './simulator';
import { SimulatorError } from './simulator.error';
import { handleWechatRequest } from './wechat-routes';

/** Options of {@link startSimulator}: the simulator's own plus where to listen. */
export interface StartSimulatorOptions extends SimulatorOptions {
  /** TCP port; 0 (the default) picks a free one — read it from {@link RunningSimulator.url}. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Receives one line per request (method, path, status; never the query, which holds secrets). */
  log?: (line: string) => void;
}

/** A simulator listening on HTTP. */
export interface RunningSimulator {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:40123. */
  url: string;
  /** The simulator behind the server, for in-process control. */
  sim: Simulator;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Starts a simulator behind an HTTP server: WeChat's server paths at the root (e.g.
 * /sns/jscode2session), the phone side and the controls under /sim/.
 */
export async function startSimulator(
  options: StartSimulatorOptions = {},
): Promise<RunningSimulator> {
  const { port = 0, host = '127.0.0.1', log, ...simulatorOptions } = options;
  const sim = new Simulator(simulatorOptions);
  const server = createServer(createRequestListener(sim, log));
  // Load generators and the API's HTTP client keep connections open between requests; a short
  // keep-alive would make the benchmark measure TCP handshakes instead of logins.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return { url: `http://${urlHost(host)}:${address.port}`, sim, close: () => closeServer(server) };
}

/**
 * The request handler alone, for mounting the simulator in another node:http server.
 * Plain node:http rather than a router framework: every benchmark login crosses this handler
 * twice (/sim/login and /sns/jscode2session), and a map lookup plus one JSON.stringify keeps it
 * far from being the bottleneck.
 */
export function createRequestListener(
  sim: Simulator,
  log?: (line: string) => void,
): RequestListener {
  return (req, res) => {
    handleRequest(sim, req, res)
      .then((status) => log?.(`${req.method ?? '?'} ${splitUrl(req.url).path} ${status}`))
      .catch((error: unknown) => {
        const tooLarge = error instanceof BodyTooLargeError;
        log?.(
          `${req.method ?? '?'} ${splitUrl(req.url).path} ${tooLarge ? '413' : `500 ${String(error)}`}`,
        );
        if (res.headersSent) res.destroy();
        else if (tooLarge) sendJson(res, 413, errorBody('PAYLOAD_TOO_LARGE', error.message));
        else sendJson(res, 500, errorBody('INTERNAL', 'simulator error'));
      });
  };
}

/** The phone side and the controls share one handler: JSON bodies, CORS, 400 for bad input. */
const SIM_ROUTES = new Map<string, SimRoute>([...CLIENT_ROUTES, ...CONTROL_ROUTES]);

/** Answers one request; resolves to the status line part the log shows. */
async function handleRequest(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<string> {
  const { path, search } = splitUrl(req.url);
  if (INDEX_PATHS.has(path) && req.method === 'GET') {
    sendIndex(res);
    return '200';
  }
  if (path.startsWith('/sim/')) return handleSimRequest(sim, path, req, res);
  return handleWechatRequest(sim, path, search, req, res);
}

async function handleSimRequest(
  sim: Simulator,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<string> {
  const corsHeaders = { 'access-control-allow-origin': '*' };
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...corsHeaders,
      'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
      'access-control-allow-headers':
        req.headers['access-control-request-headers'] ?? 'content-type',
      'access-control-max-age': '600',
    });
    res.end();
    return '204';
  }
  const route = SIM_ROUTES.get(path);
  if (route === undefined) {
    sendJson(
      res,
      404,
      errorBody('NOT_FOUND', `no simulator endpoint at ${path}`),
      undefined,
      corsHeaders,
    );
    return '404';
  }
  if (req.method !== route.method) {
    sendJson(res, 405, errorBody('METHOD_NOT_ALLOWED', `use ${route.method} ${path}`), undefined, {
      ...corsHeaders,
      allow: `${route.method}, OPTIONS`,
    });
    return '405';
  }
  let status = 200;
  let body: unknown;
  try {
    const input = route.method === 'GET' ? {} : parseJsonObject(await readBody(req));
    body = route.run(sim, input);
  } catch (error) {
    if (error instanceof SimulatorError) {
      status = 400;
      body = errorBody(error.code, error.message);
    } else if (error instanceof RangeError) {
      status = 400;
      body = errorBody('INVALID_ARGUMENT', error.message);
    } else {
      throw error;
    }
  }
  sendJson(res, status, body, undefined, corsHeaders);
  return String(status);
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}

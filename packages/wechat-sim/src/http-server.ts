import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { WECHAT_ENDPOINTS, WX_ERRCODE } from '@wxlogin/wechat-protocol';
import {
  SESSION_KEY_ROTATIONS,
  type SessionKeyRotation,
  type SimulatorOptions,
} from './sim-config';
import { SimFaults } from './sim-faults';
import { CLIENT_PATHS, Simulator } from './simulator';
import { SimulatorError } from './simulator.error';
import { wxError } from './wechat-error-reply';
import type { WeChatServer } from './wechat-server';

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

type QueryReader = (name: string) => string | undefined;

interface WeChatRoute {
  method: 'GET' | 'POST';
  answer(server: WeChatServer, query: QueryReader, body: unknown): object;
}

const WECHAT_ROUTES = new Map<string, WeChatRoute>([
  [
    WECHAT_ENDPOINTS.code2Session.path,
    {
      method: 'GET',
      answer: (server, query) =>
        server.code2Session({
          appid: query('appid'),
          secret: query('secret'),
          js_code: query('js_code'),
          grant_type: query('grant_type'),
        }),
    },
  ],
  [
    WECHAT_ENDPOINTS.getAccessToken.path,
    {
      method: 'GET',
      answer: (server, query) =>
        server.getAccessToken({
          grant_type: query('grant_type'),
          appid: query('appid'),
          secret: query('secret'),
        }),
    },
  ],
  [
    WECHAT_ENDPOINTS.getStableAccessToken.path,
    { method: 'POST', answer: (server, _query, body) => server.getStableAccessToken(body) },
  ],
  [
    WECHAT_ENDPOINTS.getPhoneNumber.path,
    {
      method: 'POST',
      answer: (server, query, body) => server.getUserPhoneNumber(query('access_token'), body),
    },
  ],
  [
    WECHAT_ENDPOINTS.checkSessionKey.path,
    { method: 'GET', answer: (server, query) => server.checkSessionKey(sessionKeyQuery(query)) },
  ],
  [
    WECHAT_ENDPOINTS.resetUserSessionKey.path,
    {
      method: 'GET',
      answer: (server, query) => server.resetUserSessionKey(sessionKeyQuery(query)),
    },
  ],
]);

function sessionKeyQuery(query: QueryReader) {
  return {
    access_token: query('access_token'),
    openid: query('openid'),
    signature: query('signature'),
    sig_method: query('sig_method'),
  };
}

type JsonObject = Record<string, unknown>;

interface ClientRoute {
  method: 'GET' | 'POST' | 'PUT';
  run(sim: Simulator, body: JsonObject): unknown;
}

const CLIENT_ROUTES = new Map<string, ClientRoute>([
  [CLIENT_PATHS.login, { method: 'POST', run: (sim, body) => sim.login(...appUser(body)) }],
  [
    CLIENT_PATHS.phone,
    { method: 'POST', run: (sim, body) => sim.getPhoneNumber(...appUser(body)) },
  ],
  [
    CLIENT_PATHS.userInfo,
    { method: 'POST', run: (sim, body) => sim.getUserInfo(...appUser(body)) },
  ],
  [
    CLIENT_PATHS.checkSession,
    { method: 'POST', run: (sim, body) => ({ valid: sim.checkSession(...appUser(body)) }) },
  ],
  ['/sim/health', { method: 'GET', run: () => ({ status: 'ok' }) }],
  ['/sim/control/clock', { method: 'GET', run: (sim) => ({ now: sim.clock.now() }) }],
  [
    '/sim/control/clock/advance',
    {
      method: 'POST',
      run: (sim, body) => {
        sim.clock.advance(requiredNumber(body, 'ms'));
        return { now: sim.clock.now() };
      },
    },
  ],
  ['/sim/control/faults', { method: 'POST', run: applyFaults }],
  [
    '/sim/control/rotation',
    {
      method: 'POST',
      run: (sim, body) => {
        sim.setRotation(requiredRotation(body));
        return { rotation: sim.rotation };
      },
    },
  ],
  [
    '/sim/control/users',
    {
      method: 'PUT',
      run: (sim, body) =>
        sim.setUser(...appUser(body), {
          phoneNumber: optionalString(body, 'phoneNumber'),
          countryCode: optionalString(body, 'countryCode'),
          nickName: optionalString(body, 'nickName'),
        }),
    },
  ],
  ['/sim/control/counters', { method: 'GET', run: (sim) => sim.counters() }],
  [
    '/sim/control/reset',
    {
      method: 'POST',
      run: (sim) => {
        sim.reset();
        return { ok: true };
      },
    },
  ],
]);

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
  if (path.startsWith('/sim/')) return handleClientRequest(sim, path, req, res);

  const route = WECHAT_ROUTES.get(path);
  if (route === undefined) {
    sendJson(res, 404, errorBody('NOT_FOUND', `no WeChat endpoint at ${path}`));
    return '404';
  }
  const params = new URLSearchParams(search);
  const query: QueryReader = (name) => params.get(name) ?? undefined;
  let answer: object;
  if (req.method !== route.method) {
    answer = wxError(route.method === 'GET' ? WX_ERRCODE.REQUIRE_GET : WX_ERRCODE.REQUIRE_POST);
  } else {
    // WeChat reads POST bodies as JSON only; anything else is answered 47001 by the endpoint.
    const body = route.method === 'POST' ? parseJsonOrUndefined(await readBody(req)) : undefined;
    const { beforeMs, afterMs } = sim.drawCallDelays();
    if (beforeMs > 0) await sleep(beforeMs);
    answer = route.answer(sim.server, query, body);
    // A slow call has already happened (a code is consumed); only its answer is late.
    if (afterMs > 0) await sleep(afterMs);
  }
  // WeChat answers errors with HTTP 200 and an errcode in the body.
  sendJson(res, 200, answer, WECHAT_CONTENT_TYPE);
  return 'errcode' in answer ? `200 errcode=${String(answer.errcode)}` : '200';
}

async function handleClientRequest(
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
  const route = CLIENT_ROUTES.get(path);
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

/** Where a browser lands first (`pnpm dev` prints these): a page listing every endpoint. */
const INDEX_PATHS = new Set(['/', '/sim', '/sim/']);

/**
 * The index page, built from the route tables so it cannot drift from what the server answers.
 * Plain HTML without scripts: the endpoints are JSON APIs for the API, the H5 preview and tests.
 */
function indexPage(): string {
  const list = (routes: Iterable<[string, { method: string }]>) =>
    [...routes].map(([path, { method }]) => `<li><code>${method} ${path}</code></li>`).join('');
  const clientRoutes = [...CLIENT_ROUTES];
  const isControl = ([path]: [string, ClientRoute]) => path.startsWith('/sim/control/');
  return [
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>wechat-sim</title>',
    "<h1>wechat-sim</h1><p>A simulator of WeChat's servers and of the WeChat client, for",
    'development and tests (JSON in and out). See the README of <code>@wxlogin/wechat-sim</code>.</p>',
    `<h2>WeChat's servers</h2><ul>${list(WECHAT_ROUTES)}</ul>`,
    '<h2>The phone side (what <code>wx.login</code>, the phone button and <code>getUserInfo</code>',
    `give the mini-program), body <code>{ appId, userId }</code></h2><ul>${list(clientRoutes.filter((route) => !isControl(route)))}</ul>`,
    `<h2>Controls</h2><ul>${list(clientRoutes.filter(isControl))}</ul></html>`,
  ].join('\n');
}

function sendIndex(res: ServerResponse): void {
  const html = indexPage();
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
  });
  res.end(html);
}

const MAX_BODY_BYTES = 64 * 1024;

class BodyTooLargeError extends Error {
  constructor() {
    super(`request body over ${MAX_BODY_BYTES} bytes`);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLargeError());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseJsonObject(text: string): JsonObject {
  const value = parseJsonOrUndefined(text === '' ? '{}' : text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SimulatorError('INVALID_ARGUMENT', 'the body must be a JSON object');
  }
  return value as JsonObject;
}

function appUser(body: JsonObject): [appId: string, userId: string] {
  return [requiredString(body, 'appId'), requiredString(body, 'userId')];
}

function requiredString(body: JsonObject, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw new SimulatorError('INVALID_ARGUMENT', `${name} must be a non-empty string`);
  }
  return value;
}

function optionalString(body: JsonObject, name: string): string | undefined {
  return body[name] === undefined ? undefined : requiredString(body, name);
}

function requiredNumber(body: JsonObject, name: string): number {
  const value = body[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SimulatorError('INVALID_ARGUMENT', `${name} must be a finite number`);
  }
  return value;
}

function requiredRotation(body: JsonObject): SessionKeyRotation {
  const value = body['rotation'];
  const rotation = SESSION_KEY_ROTATIONS.find((known) => known === value);
  if (rotation === undefined) {
    throw new SimulatorError(
      'INVALID_ARGUMENT',
      `rotation must be one of ${SESSION_KEY_ROTATIONS.join(', ')}`,
    );
  }
  return rotation;
}

/** POST /sim/control/faults: applies the fields present, answers the resulting settings. */
function applyFaults(sim: Simulator, body: JsonObject) {
  // Validate everything first so a bad field changes nothing.
  const busyRate = body['busyRate'] === undefined ? undefined : requiredNumber(body, 'busyRate');
  const latencyMs = body['latencyMs'] === undefined ? undefined : requiredNumber(body, 'latencyMs');
  const slowCalls = shareAndMs(body, 'slowCalls', 'delayMs');
  const latencySpikes = shareAndMs(body, 'latencySpikes', 'maxMs');
  const tokenRejections =
    body['tokenRejections'] === undefined ? undefined : requiredNumber(body, 'tokenRejections');
  const rateLimited = userSwitch(body, 'rateLimited');
  const blocked = userSwitch(body, 'blocked');
  // The setters check ranges: try them on a scratch copy first so a bad value applies nothing.
  const scratch = new SimFaults(0);
  if (busyRate !== undefined) scratch.setBusyRate(busyRate);
  if (latencyMs !== undefined) scratch.setLatencyMs(latencyMs);
  if (slowCalls !== undefined) scratch.setSlowCalls(...slowCalls);
  if (latencySpikes !== undefined) scratch.setLatencySpikes(...latencySpikes);
  if (tokenRejections !== undefined) scratch.setTokenRejections(tokenRejections);
  if (busyRate !== undefined) sim.faults.setBusyRate(busyRate);
  if (latencyMs !== undefined) sim.faults.setLatencyMs(latencyMs);
  if (slowCalls !== undefined) sim.faults.setSlowCalls(...slowCalls);
  if (latencySpikes !== undefined) sim.faults.setLatencySpikes(...latencySpikes);
  if (tokenRejections !== undefined) sim.faults.setTokenRejections(tokenRejections);
  if (rateLimited !== undefined) sim.faults.setRateLimited(...rateLimited);
  if (blocked !== undefined) sim.faults.setBlocked(...blocked);
  const { faults } = sim;
  return {
    busyRate: faults.busyRate,
    latencyMs: faults.latencyMs,
    slowCalls: faults.slowCalls,
    latencySpikes: faults.latencySpikes,
    tokenRejections: faults.tokenRejections,
  };
}

/** `{ share, <msField> }` of a delay fault, as the setter's two arguments. */
function shareAndMs(
  body: JsonObject,
  name: string,
  msField: string,
): [share: number, ms: number] | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) {
    throw new SimulatorError('INVALID_ARGUMENT', `${name} must be { share, ${msField} }`);
  }
  const fields = value as JsonObject;
  return [requiredNumber(fields, 'share'), requiredNumber(fields, msField)];
}

function userSwitch(
  body: JsonObject,
  name: string,
): [appId: string, userId: string, on: boolean] | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) {
    throw new SimulatorError('INVALID_ARGUMENT', `${name} must be { appId, userId, on }`);
  }
  const fields = value as JsonObject;
  if (typeof fields['on'] !== 'boolean') {
    throw new SimulatorError('INVALID_ARGUMENT', `${name}.on must be a boolean`);
  }
  return [...appUser(fields), fields['on']];
}

const WECHAT_CONTENT_TYPE = 'application/json; encoding=utf-8';

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json; charset=utf-8',
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** Path and query string of a request URL (no URL object: this runs on every request). */
function splitUrl(url = '/'): { path: string; search: string } {
  const queryStart = url.indexOf('?');
  return queryStart === -1
    ? { path: url, search: '' }
    : { path: url.slice(0, queryStart), search: url.slice(queryStart + 1) };
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

import type { IncomingMessage, ServerResponse } from 'node:http';
import { SimulatorError } from './simulator.error';

/** A parsed JSON object body. */
export type JsonObject = Record<string, unknown>;

const MAX_BODY_BYTES = 64 * 1024;

/** A request body over {@link MAX_BODY_BYTES}: answered 413. */
export class BodyTooLargeError extends Error {
  constructor() {
    super(`request body over ${MAX_BODY_BYTES} bytes`);
  }
}

export function readBody(req: IncomingMessage): Promise<string> {
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

export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** An empty body reads as `{}`; anything but a JSON object is an INVALID_ARGUMENT. */
export function parseJsonObject(text: string): JsonObject {
  const value = parseJsonOrUndefined(text === '' ? '{}' : text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SimulatorError('INVALID_ARGUMENT', 'the body must be a JSON object');
  }
  return value as JsonObject;
}

export function sendJson(
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

/** The simulator's own error body (WeChat's errors are `{ errcode, errmsg }` instead). */
export function errorBody(
  code: string,
  message: string,
): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** Path and query string of a request URL (no URL object: this runs on every request). */
export function splitUrl(url = '/'): { path: string; search: string } {
  const queryStart = url.indexOf('?');
  return queryStart === -1
    ? { path: url, search: '' }
    : { path: url.slice(0, queryStart), search: url.slice(queryStart + 1) };
}

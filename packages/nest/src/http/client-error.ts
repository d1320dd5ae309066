import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ERROR_CATALOGUE, type ErrorCode } from '@wxlogin/contracts';
import type { ConnectionError } from 'fastify';
import { envelopeFor, errorHeaders } from './error-envelope';
import type { WxLoginLogger } from '../common/logger';

/** The request on this socket whose answer has already begun, if any (Node's own bookkeeping). */
function isResponseUnderway(socket: Socket): boolean {
  const response = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return response?.headersSent === true;
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser rejects never reaches Fastify's routing
 * (broken framing, oversized headers) or was never received in full (headers or body past
 * `requestTimeout`/`headersTimeout`). It is answered here, on the raw socket, with the same
 * envelope and `x-request-id` as every other error, then the connection is closed: after a
 * framing error nothing more on it can be parsed.
 */
export function answerClientError(logger: WxLoginLogger) {
  return (error: ConnectionError, socket: Socket): void => {
    // A reset connection has no one left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const code: ErrorCode =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'REQUEST_TIMEOUT' : 'VALIDATION_FAILED';
    const requestId = randomUUID();
    logger.info(
      { reqId: requestId, code, cause: error.code },
      'request refused by the HTTP parser',
    );
    if (socket.writable && !isResponseUnderway(socket)) {
      const { status } = ERROR_CATALOGUE[code];
      const body = JSON.stringify(envelopeFor(code, requestId));
      const headers = {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
        'x-request-id': requestId,
        ...errorHeaders(code),
        connection: 'close',
      };
      const head = Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${head}\r\n${body}`);
    }
    socket.destroy(error);
  };
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SANE_REQUEST_ID = /^[\w.:@-]{1,64}$/;

/**
 * Fastify's request-id generator: honours an incoming X-Request-Id when it is short and plain
 * (so a proxy's id links the logs), otherwise makes one. Never trusts it for anything else.
 */
export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

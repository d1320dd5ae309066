import { performance } from 'node:perf_hooks';

/** One request to one instance, as the suite saw it. */
export interface Answer {
  /** Index of the instance in the cluster. */
  instance: number;
  path: string;
  /** HTTP status; 0 when no answer arrived within the client's patience. */
  status: number;
  body: unknown;
  retryAfter: string | null;
  /** performance.now() when the request was sent, and when its answer was read. */
  sentAt: number;
  answeredAt: number;
}

/** The error envelope's fields, when the answer is one. */
export function errorOf(answer: Answer): { code: string; retryable: boolean } | undefined {
  const { body } = answer;
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = body.error as { code?: unknown; retryable?: unknown };
  return typeof error.code === 'string' && typeof error.retryable === 'boolean'
    ? { code: error.code, retryable: error.retryable }
    : undefined;
}

export function latencyMs(answer: Answer): number {
  return answer.answeredAt - answer.sentAt;
}

/**
 * A distinct client address for request `n`, sent as X-Forwarded-For (the instances trust
 * loopback as their proxy), so that the per-client rate limit sees one phone per request. The
 * addresses are from 198.18.0.0/15, the block set aside for benchmarks (RFC 2544); nothing is
 * ever sent to them.
 */
export function clientAddress(n: number): string {
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
}

/** How long the suite waits for any answer: far past every deadline it asserts. */
const PATIENCE_MS = 30_000;

export async function send(
  instanceUrls: readonly string[],
  instance: number,
  request: {
    method: 'GET' | 'POST';
    path: string;
    body?: unknown;
    accessToken?: string;
    clientAddress?: string;
  },
): Promise<Answer> {
  const baseUrl = instanceUrls[instance];
  if (baseUrl === undefined) throw new Error(`no instance ${instance}`);
  const headers: Record<string, string> = {};
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.accessToken) headers.authorization = `Bearer ${request.accessToken}`;
  if (request.clientAddress) headers['x-forwarded-for'] = request.clientAddress;
  const sentAt = performance.now();
  try {
    const response = await fetch(baseUrl + request.path, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(PATIENCE_MS),
    });
    const text = await response.text();
    return {
      instance,
      path: request.path,
      status: response.status,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
      retryAfter: response.headers.get('retry-after'),
      sentAt,
      answeredAt: performance.now(),
    };
  } catch {
    return {
      instance,
      path: request.path,
      status: 0,
      body: undefined,
      retryAfter: null,
      sentAt,
      answeredAt: performance.now(),
    };
  }
}

/** The session id (`sid` claim) of an access token: which session row a 200 login promised. */
export function sessionIdOf(accessToken: string): string {
  const payload = accessToken.split('.')[1] ?? '';
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    sid?: unknown;
  };
  if (typeof claims.sid !== 'string') throw new Error('an access token without sid');
  return claims.sid;
}

import { wechatErrorOf } from '@wxlogin/wechat-protocol';
import { Pool } from 'undici';
import type * as z from 'zod';
import { WechatApiError, WechatTransportError } from './wechat.errors';

/**
 * Checks the shape of a successful reply: the typed value, or `undefined` when the reply does not
 * fit. A plain function, so that the login hot path (jscode2session) can use a hand-written check.
 */
export type ReplyParser<T> = (json: unknown) => T | undefined;

/** A {@link ReplyParser} from a zod schema, for the replies off the login hot path. */
export function zodReplyParser<S extends z.ZodType>(schema: S): ReplyParser<z.output<S>> {
  return (json) => {
    const result = schema.safeParse(json);
    return result.success ? result.data : undefined;
  };
}

export interface WechatRequest<T> {
  /** WeChat's path, e.g. `/sns/jscode2session`; also what gets logged (never the query). */
  path: string;
  /** Parameters, or a query string already encoded (without `?`). */
  query?: Record<string, string> | string;
  /** JSON body ⇒ POST; absent ⇒ GET. */
  body?: object;
  /** Checks and types a successful reply. */
  success: ReplyParser<T>;
}

/** `?a=1&b=2`, percent-encoded (cheaper than URLSearchParams on the login hot path). */
function toQueryString(query: Record<string, string>): string {
  let text = '';
  for (const name in query) {
    text += `${text === '' ? '?' : '&'}${encodeURIComponent(name)}=${encodeURIComponent(query[name] ?? '')}`;
  }
  return text;
}

/**
 * HTTP to WeChat's servers over a keep-alive connection pool (undici's `request`, cheaper than the
 * global `fetch`: docs/performance.md), with a timeout. An HTTP 200 carrying a non-zero `errcode` is the error it is
 * ({@link WechatApiError}); a body that matches neither the error shape nor `success` is a
 * {@link WechatTransportError}, like timeouts and connection failures.
 */
export class WechatHttpClient {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(
    baseUrl: string,
    private readonly timeoutMs: number,
  ) {
    const url = new URL(baseUrl);
    this.pool = new Pool(url.origin, { connections: 128, keepAliveTimeout: 30_000 });
    this.basePath = url.pathname.replace(/\/+$/, '');
  }

  async request<T>(req: WechatRequest<T>): Promise<T> {
    const query =
      req.query === undefined
        ? ''
        : typeof req.query === 'string'
          ? `?${req.query}`
          : toQueryString(req.query);
    let statusCode: number;
    let text: string;
    try {
      const response = await this.pool.request({
        path: this.basePath + req.path + query,
        method: req.body === undefined ? 'GET' : 'POST',
        headers: req.body === undefined ? undefined : { 'content-type': 'application/json' },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      statusCode = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      // Only the path: the query may hold the AppSecret or the access_token.
      throw new WechatTransportError(req.path, 'unreachable or timed out', {
        cause: error instanceof Error ? error.name : String(error),
      });
    }
    if (statusCode < 200 || statusCode >= 300) {
      throw new WechatTransportError(req.path, `HTTP ${statusCode}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new WechatTransportError(req.path, 'reply is not JSON');
    }
    const error = wechatErrorOf(json);
    if (error !== undefined) throw new WechatApiError(req.path, error.errcode, error.errmsg);
    const reply = req.success(json);
    if (reply === undefined) {
      throw new WechatTransportError(req.path, 'reply has an unexpected shape');
    }
    return reply;
  }

  /** Closes the pooled connections (application shutdown). */
  async close(): Promise<void> {
    await this.pool.close();
  }
}

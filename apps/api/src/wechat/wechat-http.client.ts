import * as z from 'zod';
import { WechatApiError, WechatTransportError } from './wechat.errors';

const ErrorReply = z.object({ errcode: z.number(), errmsg: z.string().optional() });

export interface WechatRequest<S extends z.ZodType> {
  /** WeChat's path, e.g. `/sns/jscode2session`; also what gets logged (never the query). */
  path: string;
  query?: Record<string, string>;
  /** JSON body ⇒ POST; absent ⇒ GET. */
  body?: object;
  /** Shape of a successful reply. */
  success: S;
}

/**
 * HTTP to WeChat's servers with a timeout. An HTTP 200 carrying a non-zero `errcode` is the error
 * it is ({@link WechatApiError}); a body that matches neither the error shape nor `success` is a
 * {@link WechatTransportError}, like timeouts and connection failures.
 */
export class WechatHttpClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async request<S extends z.ZodType>(req: WechatRequest<S>): Promise<z.infer<S>> {
    const url = new URL(this.baseUrl + req.path);
    for (const [name, value] of Object.entries(req.query ?? {})) url.searchParams.set(name, value);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: req.body === undefined ? 'GET' : 'POST',
        headers: req.body === undefined ? undefined : { 'content-type': 'application/json' },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      // Only the path: the URL's query may hold the AppSecret or the access_token.
      throw new WechatTransportError(req.path, 'unreachable or timed out', {
        cause: error instanceof Error ? error.name : String(error),
      });
    }
    if (!response.ok) {
      throw new WechatTransportError(req.path, `HTTP ${response.status}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new WechatTransportError(req.path, 'reply is not JSON');
    }
    const error = ErrorReply.safeParse(json);
    if (error.success && error.data.errcode !== 0) {
      throw new WechatApiError(req.path, error.data.errcode, error.data.errmsg ?? '');
    }
    const success = req.success.safeParse(json);
    if (!success.success) {
      throw new WechatTransportError(req.path, 'reply has an unexpected shape');
    }
    return success.data;
  }
}

import { WX_ERRCODE_INFO, wechatErrorOf, type WxErrcodeInfo } from '@wxlogin/wechat-protocol';
import { DEV_APP } from '../src/sim-config';

/** A JSON answer: HTTP status, headers and parsed body. */
export interface JsonAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** Thin fetch wrapper used by the specs: they talk to the simulator over real HTTP. */
export class SimHttp {
  constructor(readonly url: string) {}

  async get<T = Record<string, unknown>>(
    path: string,
    query: Record<string, string> = {},
  ): Promise<JsonAnswer<T>> {
    return this.send<T>('GET', path, query);
  }

  async post<T = Record<string, unknown>>(
    path: string,
    body: unknown,
    query: Record<string, string> = {},
  ): Promise<JsonAnswer<T>> {
    return this.send<T>('POST', path, query, body);
  }

  async put<T = Record<string, unknown>>(path: string, body: unknown): Promise<JsonAnswer<T>> {
    return this.send<T>('PUT', path, {}, body);
  }

  async send<T>(
    method: string,
    path: string,
    query: Record<string, string>,
    body?: unknown,
  ): Promise<JsonAnswer<T>> {
    const search = new URLSearchParams(query).toString();
    const response = await fetch(`${this.url}${path}${search ? `?${search}` : ''}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? {} : JSON.parse(text);
    if (!path.startsWith('/sim/')) expectNamedErrcode(parsed);
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  /** wx.login on the simulated phone. */
  async login(userId: string, appId: string = DEV_APP.appId): Promise<string> {
    const answer = await this.post<{ code: string }>('/sim/login', { appId, userId });
    expect(answer.status).toBe(200);
    return answer.body.code;
  }

  /** GET /sns/jscode2session with the dev app's credentials unless overridden. */
  async code2Session(
    jsCode: string,
    overrides: Record<string, string> = {},
  ): Promise<Record<string, unknown>> {
    const answer = await this.get('/sns/jscode2session', {
      appid: DEV_APP.appId,
      secret: DEV_APP.secret,
      js_code: jsCode,
      grant_type: 'authorization_code',
      ...overrides,
    });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  /** A fresh plain access_token of the dev app (or another app). */
  async accessToken(
    appId: string = DEV_APP.appId,
    secret: string = DEV_APP.secret,
  ): Promise<string> {
    const answer = await this.get<{ access_token: string }>('/cgi-bin/token', {
      grant_type: 'client_credential',
      appid: appId,
      secret,
    });
    expect(typeof answer.body.access_token).toBe('string');
    return answer.body.access_token;
  }
}

/**
 * Every error WeChat's side answers, in every spec, must be an errcode of
 * `@wxlogin/wechat-protocol` with WeChat's errmsg text for it and a request id.
 */
function expectNamedErrcode(reply: unknown): void {
  const error = wechatErrorOf(reply);
  if (error === undefined) return;
  const info = (WX_ERRCODE_INFO as Partial<Record<number, WxErrcodeInfo>>)[error.errcode];
  const [text, rid] = error.errmsg.split(', rid: ');
  expect({ errcode: error.errcode, text }).toEqual({ errcode: error.errcode, text: info?.errmsg });
  expect(rid).toMatch(/^[0-9a-f]+-[0-9a-f]{8}$/);
}

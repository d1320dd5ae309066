import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  WECHAT_ENDPOINTS,
  WX_ERRCODE,
  type SessionKeySignatureQuery,
} from '@wxlogin/wechat-protocol';
import { errorBody, parseJsonOrUndefined, readBody, sendJson } from './http-io';
import type { Simulator } from './simulator';
import { wxError } from './wechat-error-reply';
import type { Received, WeChatServer } from './wechat-server';

type QueryReader = (name: string) => string | undefined;

/** One of WeChat's endpoints over HTTP: its method, and how the request becomes a server call. */
export interface WeChatRoute {
  method: 'GET' | 'POST';
  answer(server: WeChatServer, query: QueryReader, body: unknown): object;
}

const {
  code2Session,
  getAccessToken,
  getStableAccessToken,
  getPhoneNumber,
  checkSessionKey,
  resetUserSessionKey,
} = WECHAT_ENDPOINTS;

/** WeChat's server paths, at the root as on api.weixin.qq.com. */
export const WECHAT_ROUTES = new Map<string, WeChatRoute>([
  [
    code2Session.path,
    {
      method: code2Session.method,
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
    getAccessToken.path,
    {
      method: getAccessToken.method,
      answer: (server, query) =>
        server.getAccessToken({
          grant_type: query('grant_type'),
          appid: query('appid'),
          secret: query('secret'),
        }),
    },
  ],
  [
    getStableAccessToken.path,
    {
      method: getStableAccessToken.method,
      answer: (server, _query, body) => server.getStableAccessToken(body),
    },
  ],
  [
    getPhoneNumber.path,
    {
      method: getPhoneNumber.method,
      answer: (server, query, body) => server.getUserPhoneNumber(query('access_token'), body),
    },
  ],
  [
    checkSessionKey.path,
    {
      method: checkSessionKey.method,
      answer: (server, query) => server.checkSessionKey(sessionKeyQuery(query)),
    },
  ],
  [
    resetUserSessionKey.path,
    {
      method: resetUserSessionKey.method,
      answer: (server, query) => server.resetUserSessionKey(sessionKeyQuery(query)),
    },
  ],
]);

function sessionKeyQuery(query: QueryReader): Received<SessionKeySignatureQuery> {
  return {
    access_token: query('access_token'),
    openid: query('openid'),
    signature: query('signature'),
    sig_method: query('sig_method'),
  };
}

const WECHAT_CONTENT_TYPE = 'application/json; encoding=utf-8';

/**
 * Answers a request for one of WeChat's paths as WeChat does: HTTP 200 with `{ errcode, errmsg }`
 * for errors, after the delay faults. Resolves to the status line part the log shows.
 */
export async function handleWechatRequest(
  sim: Simulator,
  path: string,
  search: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<string> {
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

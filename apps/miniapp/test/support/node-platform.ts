import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DEV_APP } from '@wxlogin/wechat-sim';
import {
  type AuthPlatform,
  createMemoryStorage,
  type HttpResponse,
  type KeyValueStorage,
} from '@wxlogin/taro';
import { withSimulatedWeChat } from '@wxlogin/taro/simulator';

async function readResponse(response: Response): Promise<HttpResponse> {
  const text = await response.text();
  let body: unknown = text;
  if (text && (response.headers.get('content-type') ?? '').includes('json')) {
    body = JSON.parse(text) as unknown;
  }
  return { status: response.status, body };
}

/** A platform that records every request it sends, in order. */
export interface RecordingPlatform extends AuthPlatform {
  /** Paths of the requests, in the order they were sent. */
  readonly sent: string[];
  /** How many requests went to `path` (e.g. `/api/auth/refresh`, `/sim/login`). */
  count(path: string): number;
  /** HTTP statuses of the answers from `path`, in the order they arrived. */
  statuses(path: string): number[];
}

/**
 * The test's stand-in for the phone: Node's fetch for HTTP, memory (or the given) storage, and
 * WeChat played by the simulator's client side — the same adapter the H5 preview uses.
 */
export function createSimulatedPhone(options: {
  simulatorUrl: string;
  userId: string;
  storage?: KeyValueStorage;
}): RecordingPlatform {
  const sent: string[] = [];
  const answers: { path: string; status: number }[] = [];
  const record = async (url: string, response: Promise<Response>) => {
    const path = new URL(url).pathname;
    sent.push(path);
    const answer = await readResponse(await response);
    answers.push({ path, status: answer.status });
    return answer;
  };
  const http: AuthPlatform = {
    client: 'wechat',
    request: ({ method, url, headers, body }) =>
      record(
        url,
        fetch(url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      ),
    async uploadFile({ url, filePath, fieldName, headers }) {
      const form = new FormData();
      form.append(
        fieldName,
        new Blob([await readFile(filePath)], { type: 'image/png' }),
        basename(filePath),
      );
      return record(url, fetch(url, { method: 'POST', headers, body: form }));
    },
    storage: options.storage ?? createMemoryStorage(),
    getLoginCode: () => Promise.reject(new Error('replaced by the simulator')),
    checkSession: () => Promise.reject(new Error('replaced by the simulator')),
  };
  const platform = withSimulatedWeChat(http, {
    simulatorBase: options.simulatorUrl,
    appId: DEV_APP.appId,
    userId: options.userId,
  });
  return {
    ...platform,
    sent,
    count: (path) => sent.filter((sentPath) => sentPath === path).length,
    statuses: (path) =>
      answers.filter((answer) => answer.path === path).map(({ status }) => status),
  };
}

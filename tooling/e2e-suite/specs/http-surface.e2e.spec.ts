import { DEV_APP } from '@wxlogin/wechat-sim';
import type { AvatarResponse, TokenResponse, UserView } from '@wxlogin/contracts';
import { errorCodeOf, startE2eStack, type E2eStack } from '../test-support/stack';

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function avatarForm(bytes: Buffer, field = 'file', type = 'image/png'): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), 'avatar.png');
  return form;
}

describe('HTTP surface: avatars, profile, limits and error mapping (e2e)', () => {
  let stack: E2eStack;
  let tokens: TokenResponse;

  beforeAll(async () => {
    stack = await startE2eStack({ wxlogin: { rateLimitPerMinute: 1000 } });
    tokens = await stack.login('surface');
  });
  afterAll(async () => {
    await stack?.close();
  });

  const upload = (form: FormData, accessToken = tokens.accessToken) =>
    fetch(`${stack.api.url}/api/me/avatar`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      body: form,
    });

  it('should upload an avatar, serve it publicly with cache headers and set it on the user', async () => {
    const response = await upload(avatarForm(PNG_1X1));
    expect(response.status).toBe(200);
    const { avatarUrl } = (await response.json()) as AvatarResponse;
    expect(avatarUrl).toMatch(/\/api\/avatars\/[0-9a-f-]{36}$/);
    const served = await fetch(`${stack.api.url}${new URL(avatarUrl).pathname}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toContain('immutable');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG_1X1);
    const me = (await (await stack.get('/api/me', tokens.accessToken)).json()) as UserView;
    expect(me.avatarUrl).toBe(avatarUrl);
  });

  it('should refuse a non-image (UNSUPPORTED_MEDIA_TYPE), an image over 1 MB (PAYLOAD_TOO_LARGE) and a wrong field (VALIDATION_FAILED)', async () => {
    const text = await upload(
      avatarForm(Buffer.from('just text, not an image'), 'file', 'image/png'),
    );
    expect(text.status).toBe(415);
    expect(await errorCodeOf(text)).toBe('UNSUPPORTED_MEDIA_TYPE');

    const huge = Buffer.concat([PNG_1X1, Buffer.alloc(1024 * 1024 + 10)]);
    const tooLarge = await upload(avatarForm(huge));
    expect(tooLarge.status).toBe(413);
    expect(await errorCodeOf(tooLarge)).toBe('PAYLOAD_TOO_LARGE');

    const wrongField = await upload(avatarForm(PNG_1X1, 'avatar'));
    expect(wrongField.status).toBe(400);
    expect(await errorCodeOf(wrongField)).toBe('VALIDATION_FAILED');

    const notMultipart = await stack.post('/api/me/avatar', { file: 'x' }, tokens.accessToken);
    expect(await errorCodeOf(notMultipart)).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('should answer malformed uploads, and multipart sent to JSON routes, with 4xx codes', async () => {
    const raw = (path: string, contentType: string, body: string | FormData) =>
      fetch(`${stack.api.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens.accessToken}`,
          ...(contentType === '' ? {} : { 'content-type': contentType }),
        },
        body,
      });
    const noBoundary = await raw('/api/me/avatar', 'multipart/form-data; charset=utf-8', 'x');
    expect(noBoundary.status).toBe(400);
    expect(await errorCodeOf(noBoundary)).toBe('VALIDATION_FAILED');

    const truncated = await raw(
      '/api/me/avatar',
      'multipart/form-data; boundary=b',
      '--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\npartial',
    );
    expect(truncated.status).toBe(400);
    expect(await errorCodeOf(truncated)).toBe('VALIDATION_FAILED');

    const twoFiles = avatarForm(PNG_1X1);
    twoFiles.append('file', new Blob([new Uint8Array(PNG_1X1)], { type: 'image/png' }), 'b.png');
    const two = await raw('/api/me/avatar', '', twoFiles);
    expect(two.status).toBe(400);
    expect(await errorCodeOf(two)).toBe('VALIDATION_FAILED');

    const urlEncoded = await raw('/api/me/avatar', 'application/x-www-form-urlencoded', 'file=x');
    expect(urlEncoded.status).toBe(415);

    const multipartLogin = await raw('/api/auth/login', '', avatarForm(PNG_1X1, 'code'));
    expect(multipartLogin.status).toBe(400);
    expect(await errorCodeOf(multipartLogin)).toBe('VALIDATION_FAILED');

    // The avatar set before is still the user's.
    const me = (await (await stack.get('/api/me', tokens.accessToken)).json()) as UserView;
    expect(me.avatarUrl).toMatch(/\/api\/avatars\/[0-9a-f-]{36}$/);
  });

  it('should answer NOT_FOUND for an unknown avatar id', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const response = await fetch(`${stack.api.url}/api/avatars/${id}`);
      expect(response.status).toBe(404);
      expect(await errorCodeOf(response)).toBe('NOT_FOUND');
    }
  });

  it('should update the nickname and accept only https or own avatar URLs', async () => {
    const put = (body: unknown) =>
      fetch(`${stack.api.url}/api/me`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${tokens.accessToken}`,
        },
        body: JSON.stringify(body),
      });
    const renamed = await put({ nickname: '  小明  ' });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as UserView).nickname).toBe('小明');
    expect((await put({ avatarUrl: 'https://thirdwx.qlogo.cn/mmopen/a.png' })).status).toBe(200);
    const insecure = await put({ avatarUrl: 'http://evil.example/pixel.png' });
    expect(insecure.status).toBe(400);
    expect(await errorCodeOf(insecure)).toBe('VALIDATION_FAILED');
    expect(await errorCodeOf(await put({}))).toBe('VALIDATION_FAILED');
  });

  it("should map Fastify's own errors: bad JSON, body too large, unsupported content type", async () => {
    const send = (body: string, contentType: string) =>
      fetch(`${stack.api.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      });
    const badJson = await send('{"code":', 'application/json');
    expect(badJson.status).toBe(400);
    expect(await errorCodeOf(badJson)).toBe('VALIDATION_FAILED');
    // Over the body limit of every host: Fastify's default is 1 MiB, and a host may set less.
    const tooLarge = await send(
      JSON.stringify({ code: 'x'.repeat(1100 * 1024) }),
      'application/json',
    );
    expect(tooLarge.status).toBe(413);
    expect(await errorCodeOf(tooLarge)).toBe('PAYLOAD_TOO_LARGE');
    const xml = await send('<code>1</code>', 'application/xml');
    expect(xml.status).toBe(415);
    expect(await errorCodeOf(xml)).toBe('UNSUPPORTED_MEDIA_TYPE');
    const poisoned = await send('{"code":"a","__proto__":{"x":1}}', 'application/json');
    expect(await errorCodeOf(poisoned)).toBe('VALIDATION_FAILED');
  });

  it('should rate-limit the public auth routes per IP (RATE_LIMITED)', async () => {
    const limited = await stack.startAnotherApi({ wxlogin: { rateLimitPerMinute: 3 } });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await fetch(`${limited.url}/api/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: 'unknown' }),
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(last?.headers.get('retry-after')).toBe('60');
    expect(await errorCodeOf(last as Response)).toBe('RATE_LIMITED');
    // Authenticated routes are not limited by it.
    const me = await fetch(`${limited.url}/api/me`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(me.status).toBe(200);
  });

  it('should answer a WeChat configuration error (wrong AppSecret, 40125) as a plain 500 without echoing it', async () => {
    const misconfigured = await stack.startAnotherApi({
      wxlogin: { apps: [{ appId: DEV_APP.appId, secret: '00000000000000000000000000000000' }] },
    });
    const response = await fetch(`${misconfigured.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: stack.wechat.sim.login(DEV_APP.appId, 'cfg').code }),
    });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'INTERNAL_ERROR', retryable: false } });
    expect(text).not.toMatch(/40125|secret|appsecret/i);
  });

  it('should answer a timed-out code exchange with WX_UNAVAILABLE: WeChat may have consumed the code', async () => {
    const impatient = await stack.startAnotherApi({ wxlogin: { wechatTimeoutMs: 200 } });
    const counted = () => stack.wechat.sim.counters()['/sns/jscode2session'] ?? 0;
    const before = counted();
    const { code } = stack.wechat.sim.login(DEV_APP.appId, 'slow');
    stack.wechat.sim.faults.setLatencyMs(1500);
    try {
      const response = await fetch(`${impatient.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        error: { code: 'WX_UNAVAILABLE', retryable: true },
      });
    } finally {
      stack.wechat.sim.faults.setLatencyMs(0);
    }
    // The simulator still answers the abandoned request (and counts it then); the code is spent,
    // which is why the API never re-sends it: the client must call wx.login again.
    for (let waited = 0; counted() === before && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const again = await stack.post('/api/auth/login', { code });
    expect(await errorCodeOf(again)).toBe('WX_CODE_USED');
  });
});

import fc from 'fast-check';
import { UpdateProfileRequest, type TokenResponse } from '@wxlogin/contracts';
import { startE2eStack, type E2eStack } from '../test-support/stack';

interface Route {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  /** Field names the route expects, so that some bodies are "right keys, wrong values". */
  fields: string[];
  authenticated: boolean;
}

const ROUTES: Route[] = [
  {
    method: 'POST',
    path: '/api/auth/login',
    fields: ['code', 'appId', 'phone'],
    authenticated: false,
  },
  { method: 'POST', path: '/api/auth/refresh', fields: ['refreshToken'], authenticated: false },
  {
    method: 'POST',
    path: '/api/auth/phone',
    fields: ['code', 'encryptedData', 'iv'],
    authenticated: true,
  },
  {
    method: 'POST',
    path: '/api/auth/userinfo',
    fields: ['rawData', 'signature', 'encryptedData', 'iv'],
    authenticated: true,
  },
  { method: 'PUT', path: '/api/me', fields: ['nickname', 'avatarUrl'], authenticated: true },
  { method: 'POST', path: '/api/me/avatar', fields: ['file'], authenticated: true },
  { method: 'GET', path: '/api/me', fields: [], authenticated: true },
  // Logout with a valid token would end the fuzzing session: only garbage credentials here.
  { method: 'POST', path: '/api/auth/logout', fields: [], authenticated: false },
];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'multipart/form-data',
  'application/octet-stream',
  'image/png',
  'application/xml',
];

const hugeString = fc.integer({ min: 10_000, max: 120_000 }).map((n) => 'あ'.repeat(n));
const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 300 }),
  fc.constantFrom(
    '',
    ' ',
    '+/=',
    '%2B',
    'wx5f3c9a2b7d1e4c60',
    '\u0000',
    '../../etc/passwd',
    '{"$ne":1}',
  ),
  hugeString,
);

function bodyFor(route: Route) {
  const json = (value: unknown) => ({
    contentType: 'application/json',
    payload: JSON.stringify(value),
  });
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map(json),
    (route.fields.length === 0
      ? fc.constant({})
      : fc.dictionary(
          fc.constantFrom(...route.fields, '__proto__', 'constructor', 'extra'),
          fieldValue,
        )
    ).map(json),
    fc.record({
      contentType: fc.constantFrom(...CONTENT_TYPES),
      payload: fc.string({ maxLength: 2000 }),
    }),
    fc.record({ contentType: fc.constantFrom(...CONTENT_TYPES), payload: hugeString }),
    fc.constant({ contentType: 'application/json', payload: '' }),
  );
}

const authorization = (accessToken: string) =>
  fc.oneof(
    fc.constant(`Bearer ${accessToken}`),
    fc.constant(`Bearer ${accessToken}`),
    fc.string({ maxLength: 200 }).map((s) => `Bearer ${s}`),
    fc.constantFrom('', 'Basic YTpi', `bearer ${accessToken}`, `Bearer ${accessToken}x`),
  );

describe('fuzz: malformed input never makes the API answer 500 nor change users (e2e)', () => {
  let stack: E2eStack;
  let tokens: TokenResponse;

  beforeAll(async () => {
    stack = await startE2eStack({ wxlogin: { rateLimitPerMinute: 1_000_000 } });
    tokens = await stack.login('fuzz-victim');
    await stack.login('bystander');
  });
  afterAll(async () => {
    await stack?.close();
  });

  const snapshotUsers = () => stack.db.query('SELECT * FROM users ORDER BY id');

  it('should answer every malformed request with a 4xx envelope and leave the users table as it was', async () => {
    const before = await snapshotUsers();
    const statuses = new Map<number, number>();
    const request = fc.oneof(
      ...ROUTES.map((route) =>
        fc.record({
          route: fc.constant(route),
          body: route.method === 'GET' ? fc.constant(undefined) : bodyFor(route),
          auth: route.authenticated
            ? authorization(tokens.accessToken)
            : fc.option(authorization('x')),
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ route, body, auth }) => {
        // A well-formed profile edit is not malformed input: it may change the user.
        if (route.path === '/api/me' && route.method === 'PUT' && body !== undefined) {
          let parsed: unknown;
          try {
            parsed = JSON.parse(body.payload);
          } catch {
            parsed = undefined;
          }
          fc.pre(!UpdateProfileRequest.safeParse(parsed).success);
        }
        const headers: Record<string, string> = {};
        if (auth) headers.authorization = auth;
        if (body !== undefined && body.contentType !== '')
          headers['content-type'] = body.contentType;
        const response = await fetch(stack.api.url + route.path, {
          method: route.method,
          headers,
          body: body?.payload,
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const text = await response.text();
        expect(response.status).not.toBe(500);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          const envelope = JSON.parse(text) as { error?: { code?: unknown } };
          expect(typeof envelope.error?.code).toBe('string');
        }
      }),
      { numRuns: 400, seed: 20261121 },
    );
    expect(await snapshotUsers()).toEqual(before);
    // The run reached the handlers, not only the parsers: several kinds of answers came back.
    expect(statuses.size).toBeGreaterThanOrEqual(4);
  });

  it('should answer random paths and avatar ids with NOT_FOUND, never 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 80 }), async (segment) => {
        for (const path of [
          `/api/avatars/${encodeURIComponent(segment)}`,
          `/api/${encodeURIComponent(segment)}`,
        ]) {
          const response = await fetch(stack.api.url + path);
          expect(response.status).toBeLessThan(500);
        }
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});

import { ERROR_CATALOGUE } from './error-code.catalogue';
import { buildOpenApiDocument } from './openapi';
import { ERRORS_OF_EVERY_ROUTE, ROUTES, type Route, pathOf } from './routes';

const ALL_ROUTES: Route[] = Object.values(ROUTES);

type Operation = {
  security?: unknown;
  parameters?: { name: string }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Partial<Record<string, { description: string; content?: Record<string, unknown> }>>;
};

describe('the route table', () => {
  it('should declare each method + path once', () => {
    const keys = ALL_ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('should give every bearer route the UNAUTHENTICATED error and no public route it', () => {
    for (const route of ALL_ROUTES) {
      expect([route.path, route.errors.includes('UNAUTHENTICATED')]).toEqual([
        route.path,
        route.auth === 'bearer',
      ]);
    }
  });

  it('should fill path parameters URI-encoded and refuse to leave one empty', () => {
    expect(pathOf(ROUTES.avatar, { id: 'a/b c' })).toBe('/api/avatars/a%2Fb%20c');
    expect(pathOf(ROUTES.me)).toBe('/api/me');
    expect(() => pathOf(ROUTES.avatar)).toThrow('missing path parameter id');
  });
});

describe('buildOpenApiDocument', () => {
  const document = buildOpenApiDocument('https://api.example');
  const operationOf = (route: Route): Operation => {
    const operations = document.paths[route.path] as unknown as Record<string, Operation>;
    const operation = operations[route.method.toLowerCase()];
    if (operation === undefined) throw new Error(`${route.method} ${route.path} is not documented`);
    return operation;
  };

  it('should hold exactly the routes of the table', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(
      ALL_ROUTES.map((route) => `${route.method} ${route.path}`).sort(),
    );
  });

  it("should document each route's errors under their catalogue status, with every route's common errors", () => {
    for (const route of ALL_ROUTES) {
      const { responses } = operationOf(route);
      const answeredWithSuccessBody = route.response.kind === 'json' ? route.response.alsoOn : [];
      for (const code of [...route.errors, ...ERRORS_OF_EVERY_ROUTE]) {
        const { status } = ERROR_CATALOGUE[code];
        if (answeredWithSuccessBody?.includes(status)) continue;
        const listed: string = responses[String(status)]?.description ?? '';
        expect([route.path, code, listed.split(', ')]).toEqual([
          route.path,
          code,
          expect.arrayContaining([code]),
        ]);
      }
    }
  });

  it('should mark bearer routes as secured and name path parameters', () => {
    for (const route of ALL_ROUTES) {
      expect([route.path, operationOf(route).security !== undefined]).toEqual([
        route.path,
        route.auth === 'bearer',
      ]);
    }
    expect(operationOf(ROUTES.avatar).parameters?.map((p) => p.name)).toEqual(['id']);
  });

  it('should describe bodies by their kind: JSON by component, a file upload as multipart', () => {
    expect(operationOf(ROUTES.login).requestBody?.content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/LoginRequest' } },
    });
    expect(operationOf(ROUTES.uploadAvatar).requestBody?.content).toHaveProperty([
      'multipart/form-data',
    ]);
    expect(operationOf(ROUTES.logout).responses['204']).toBeDefined();
    expect(operationOf(ROUTES.health).responses['503']?.content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/HealthResponse' } },
    });
  });

  it('should tell the login code from the phone code', () => {
    const { LoginRequest, PhoneRequest } = document.components.schemas as Record<
      string,
      { properties?: Record<string, { description?: string }>; oneOf?: unknown[] }
    >;
    expect(LoginRequest?.properties?.code?.description).toMatch(/wx\.login/);
    expect(JSON.stringify(PhoneRequest)).toMatch(/getPhoneNumber/);
  });

  it('should refuse a route whose schema is not a named component', () => {
    const route: Route = {
      ...ROUTES.refresh,
      request: { kind: 'json', schema: ROUTES.refresh.request.schema.clone() },
    };
    expect(() => buildOpenApiDocument('https://api.example', [route])).toThrow(
      'not a named component',
    );
  });
});

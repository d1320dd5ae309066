import * as z from 'zod/mini';
import { LoginRequest, PhoneRequest, RefreshRequest, UserInfoRequest } from './auth.schema.js';
import { ERROR_CATALOGUE, ERROR_CODES, type ErrorCode } from './error-code.catalogue.js';
import { ErrorEnvelope } from './error-envelope.schema.js';
import { HealthResponse } from './health.schema.js';
import { ERRORS_OF_EVERY_ROUTE, ROUTES, type Route } from './routes.js';
import { TokenResponse } from './token.schema.js';
import { AvatarResponse, UpdateProfileRequest, UserResponse, UserView } from './user.schema.js';

// A subpath of its own (`@wxlogin/contracts/openapi`): only servers and tools need it, and JSON
// Schema generation must not reach the mini-program's bundle.

type JsonSchema = Record<string, unknown>;

/** The schemas the document names as components; every route's schema must be one of them. */
const COMPONENTS = {
  LoginRequest,
  PhoneRequest,
  UserInfoRequest,
  RefreshRequest,
  UpdateProfileRequest,
  TokenResponse,
  UserResponse,
  UserView,
  AvatarResponse,
  HealthResponse,
  ErrorEnvelope,
} as const satisfies Record<string, z.ZodMiniType>;

const NAME_OF = new Map<z.ZodMiniType, string>(
  Object.entries(COMPONENTS).map(([name, schema]) => [schema, name]),
);

/** JSON Schema (2020-12, what OpenAPI 3.1 uses) of a contract schema, without `$schema`. */
function jsonSchemaOf(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

function ref(schema: z.ZodMiniType) {
  const name = NAME_OF.get(schema);
  if (name === undefined) throw new Error('a route uses a schema that is not a named component');
  return { $ref: `#/components/schemas/${name}` };
}

const jsonContent = (schema: z.ZodMiniType) => ({
  content: { 'application/json': { schema: ref(schema) } },
});

/** The error responses of a route, grouped by HTTP status, each status listing its codes. */
function errorResponses(codes: readonly ErrorCode[]) {
  const byStatus = new Map<string, Set<ErrorCode>>();
  for (const code of [...codes, ...ERRORS_OF_EVERY_ROUTE]) {
    const status = String(ERROR_CATALOGUE[code].status);
    byStatus.set(status, (byStatus.get(status) ?? new Set()).add(code));
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      { description: [...list].join(', '), ...jsonContent(ErrorEnvelope) },
    ]),
  );
}

function requestBody(request: Route['request']) {
  switch (request.kind) {
    case 'none':
      return {};
    case 'json':
      return { requestBody: { required: true, ...jsonContent(request.schema) } };
    case 'file':
      return {
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: { [request.field]: { type: 'string', format: 'binary' } },
                required: [request.field],
              },
            },
          },
        },
      };
  }
}

function successResponse(response: Route['response']) {
  switch (response.kind) {
    case 'json':
      return Object.fromEntries(
        [response.status, ...(response.alsoOn ?? [])].map((status) => [
          status,
          {
            description: status === 200 ? 'success' : 'see the body',
            ...jsonContent(response.schema),
          },
        ]),
      );
    case 'empty':
      return { [response.status]: { description: 'done, no body' } };
    case 'bytes':
      return {
        [response.status]: { description: 'the bytes', content: { [response.mediaType]: {} } },
      };
  }
}

function operation(route: Route) {
  const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  return {
    summary: route.summary,
    ...(route.auth === 'bearer' ? { security: [{ bearer: [] }] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...requestBody(route.request),
    responses: { ...errorResponses(route.errors), ...successResponse(route.response) },
  };
}

/**
 * The OpenAPI 3.1 document of `routes` (default: every route of the API), generated from the
 * same route table and zod schemas the API registers and validates with, so it cannot drift.
 */
export function buildOpenApiDocument(
  serverUrl: string,
  routes: readonly Route[] = Object.values(ROUTES),
) {
  const paths: Record<string, Record<string, ReturnType<typeof operation>>> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  const schemas = Object.fromEntries(
    Object.entries(COMPONENTS).map(([name, schema]) => [
      name,
      jsonSchemaOf(schema, name.endsWith('Request') ? 'input' : 'output'),
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'wxlogin API',
      version: '0.1.0',
      description:
        'WeChat mini-program login: wx.login code → wxlogin access/refresh tokens; phone number; ' +
        'profile. Every error is `{ error: { code, message, requestId, retryable } }`; codes:\n\n' +
        ERROR_CODES.map((code) => {
          const info = ERROR_CATALOGUE[code];
          return `- \`${code}\` ${info.status}${info.retryable ? ' (retryable)' : ''}: ${info.message}`;
        }).join('\n'),
    },
    servers: [{ url: serverUrl }],
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths,
  };
}

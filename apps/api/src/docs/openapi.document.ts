import {
  AvatarResponse,
  ERROR_CATALOGUE,
  ERROR_CODES,
  ErrorEnvelope,
  HealthResponse,
  LoginRequest,
  PhoneRequest,
  RefreshRequest,
  TokenResponse,
  UpdateProfileRequest,
  UserInfoRequest,
  UserResponse,
  UserView,
} from '@wxlogin/contracts';
import * as z from 'zod';
import type { $ZodType } from 'zod/v4/core';

type JsonSchema = Record<string, unknown>;

/** JSON Schema (2020-12, what OpenAPI 3.1 uses) of a contract schema, without `$schema`. */
function schemaOf(schema: $ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

const COMPONENTS = {
  LoginRequest: schemaOf(LoginRequest, 'input'),
  PhoneRequest: schemaOf(PhoneRequest, 'input'),
  UserInfoRequest: schemaOf(UserInfoRequest, 'input'),
  RefreshRequest: schemaOf(RefreshRequest, 'input'),
  UpdateProfileRequest: schemaOf(UpdateProfileRequest, 'input'),
  TokenResponse: schemaOf(TokenResponse, 'output'),
  UserResponse: schemaOf(UserResponse, 'output'),
  UserView: schemaOf(UserView, 'output'),
  AvatarResponse: schemaOf(AvatarResponse, 'output'),
  HealthResponse: schemaOf(HealthResponse, 'output'),
  ErrorEnvelope: schemaOf(ErrorEnvelope, 'output'),
};
type ComponentName = keyof typeof COMPONENTS;

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: ComponentName) => ({ content: { 'application/json': { schema: ref(name) } } });

function errors(...codes: (typeof ERROR_CODES)[number][]) {
  const byStatus = new Map<number, string[]>();
  // Any route: bad input, the rate limit, a request too slow to arrive, a dependency down or the
  // deadline passed, a bug.
  const anyRoute = [
    'VALIDATION_FAILED',
    'RATE_LIMITED',
    'REQUEST_TIMEOUT',
    'SERVICE_UNAVAILABLE',
    'INTERNAL_ERROR',
  ] as const;
  for (const code of [...codes, ...anyRoute]) {
    const { status } = ERROR_CATALOGUE[code];
    byStatus.set(status, [...new Set([...(byStatus.get(status) ?? []), code])]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      { description: list.join(', '), ...json('ErrorEnvelope') },
    ]),
  );
}

const bearer = [{ bearer: [] }];

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the API validates with, so the
 * docs cannot drift from the contract. Served at /api/docs (UI) and /api/docs/openapi.json.
 */
export function buildOpenApiDocument(serverUrl: string) {
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
      schemas: COMPONENTS,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths: {
      '/api/auth/login': {
        post: {
          summary: 'Log in with a wx.login code (optionally binding a phone number)',
          requestBody: { required: true, ...json('LoginRequest') },
          responses: {
            '200': { description: 'tokens and user', ...json('TokenResponse') },
            ...errors(
              'UNKNOWN_APP',
              'WX_CODE_INVALID',
              'WX_CODE_USED',
              'WX_PHONE_CODE_INVALID',
              'WX_USER_BLOCKED',
              'WX_RATE_LIMITED',
              'WX_UNAVAILABLE',
              'SESSION_KEY_STALE',
              'OPEN_DATA_INVALID',
              'WATERMARK_MISMATCH',
            ),
          },
        },
      },
      '/api/auth/refresh': {
        post: {
          summary: 'Rotate the refresh token (a reused one revokes the session)',
          requestBody: { required: true, ...json('RefreshRequest') },
          responses: {
            '200': { description: 'new tokens', ...json('TokenResponse') },
            ...errors('REFRESH_TOKEN_INVALID', 'REFRESH_TOKEN_REUSED'),
          },
        },
      },
      '/api/auth/logout': {
        post: {
          summary: 'Revoke the current session',
          security: bearer,
          responses: { '204': { description: 'revoked' }, ...errors('UNAUTHENTICATED') },
        },
      },
      '/api/auth/phone': {
        post: {
          summary: 'Bind the phone number (phone code, or legacy encryptedData + iv)',
          security: bearer,
          requestBody: { required: true, ...json('PhoneRequest') },
          responses: {
            '200': { description: 'updated user', ...json('UserResponse') },
            ...errors(
              'UNAUTHENTICATED',
              'WX_PHONE_CODE_INVALID',
              'WX_RATE_LIMITED',
              'WX_UNAVAILABLE',
              'SESSION_KEY_STALE',
              'OPEN_DATA_INVALID',
              'WATERMARK_MISMATCH',
            ),
          },
        },
      },
      '/api/auth/userinfo': {
        post: {
          summary: 'Apply legacy getUserInfo data (signature checked, data decrypted)',
          description:
            "WeChat's anonymous placeholders (nickname 微信用户, the grey default avatar), which getUserInfo returns since 2021-04-28, are never stored: the user keeps their own nickname and avatar.",
          security: bearer,
          requestBody: { required: true, ...json('UserInfoRequest') },
          responses: {
            '200': { description: 'updated user', ...json('UserResponse') },
            ...errors(
              'UNAUTHENTICATED',
              'SESSION_KEY_STALE',
              'OPEN_DATA_INVALID',
              'WATERMARK_MISMATCH',
              'SIGNATURE_INVALID',
            ),
          },
        },
      },
      '/api/me': {
        get: {
          summary: 'The signed-in user',
          security: bearer,
          responses: {
            '200': { description: 'user', ...json('UserView') },
            ...errors('UNAUTHENTICATED'),
          },
        },
        put: {
          summary: 'Change nickname and/or avatar URL (https, or an avatar uploaded here)',
          security: bearer,
          requestBody: { required: true, ...json('UpdateProfileRequest') },
          responses: {
            '200': { description: 'user', ...json('UserView') },
            ...errors('UNAUTHENTICATED'),
          },
        },
      },
      '/api/me/avatar': {
        post: {
          summary: 'Upload an avatar (multipart field `file`; PNG/JPEG/WebP/GIF, at most 1 MB)',
          security: bearer,
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: { file: { type: 'string', format: 'binary' } },
                  required: ['file'],
                },
              },
            },
          },
          responses: {
            '200': { description: 'where the avatar is served', ...json('AvatarResponse') },
            ...errors('UNAUTHENTICATED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'),
          },
        },
      },
      '/api/avatars/{id}': {
        get: {
          summary: 'An uploaded avatar (public, immutable)',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': { description: 'the image', content: { 'image/*': {} } },
            ...errors('NOT_FOUND'),
          },
        },
      },
      '/api/health': {
        get: {
          summary: 'Liveness and database reachability',
          responses: {
            '200': { description: 'database up', ...json('HealthResponse') },
            '503': { description: 'database down', ...json('HealthResponse') },
          },
        },
      },
    },
  };
}

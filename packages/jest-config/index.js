// Every workspace runs its TypeScript tests the same way: @swc/jest compiles them to CommonJS
// (fast, no type-checking: `pnpm typecheck` does that). Each jest.config.js calls this with what
// is its own.

/**
 * @param {object} [options]
 * @param {string[]} [options.roots] folders holding `*.spec.ts` files (default `<rootDir>/src`)
 * @param {number} [options.testTimeout] ms; generous, since suites share two cores in CI
 * @param {boolean} [options.decorators] legacy decorators with metadata (NestJS DI)
 * @param {boolean} [options.tsx] React components in `*.spec.tsx`
 * @param {string[]} [options.esmOnlyPackages] ESM-only dependencies to transpile too: Jest's
 *   CommonJS runtime on Node 20 cannot require() them (NestJS 12, for one)
 * @param {import('jest').Config} [options.overrides] anything else, merged last
 * @returns {import('jest').Config}
 */
module.exports = function swcJestConfig({
  roots = ['<rootDir>/src'],
  testTimeout = 30_000,
  decorators = false,
  tsx = false,
  esmOnlyPackages = [],
  overrides = {},
} = {}) {
  const swc = [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators, tsx },
        ...(decorators ? { transform: { legacyDecorator: true, decoratorMetadata: true } } : {}),
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ];
  const transpiled = esmOnlyPackages.length > 0;
  return {
    testEnvironment: 'node',
    roots,
    testRegex: tsx ? '\\.spec\\.tsx?$' : '\\.spec\\.ts$',
    transform: { [transpiled ? '^.+\\.(t|j|mj)sx?$' : '^.+\\.tsx?$']: swc },
    ...(transpiled
      ? {
          transformIgnorePatterns: [
            `/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(${esmOnlyPackages.join('|')})/)`,
          ],
        }
      : {}),
    testTimeout,
    ...overrides,
  };
};

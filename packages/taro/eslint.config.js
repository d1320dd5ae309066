const reactHooks = require('eslint-plugin-react-hooks');

module.exports = [
  ...require('@wxlogin/eslint-config')(__dirname),
  { files: ['src/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
];

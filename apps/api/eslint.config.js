// .data/ holds runtime state (the embedded database, bench scratch builds): never linted.
module.exports = require('@wxlogin/eslint-config')(__dirname, { ignores: ['.data/**'] });

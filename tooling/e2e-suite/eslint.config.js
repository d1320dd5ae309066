module.exports = require('@wxlogin/eslint-config')(__dirname);

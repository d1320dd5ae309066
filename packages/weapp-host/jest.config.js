module.exports = require('@wxlogin/jest-config')();

// Jest globalSetup of every suite that tests against PostgreSQL (`globalSetup:
// require.resolve('@wxlogin/dev-postgres/jest/global-setup.cjs')`): TEST_DATABASE_URL, or one
// embedded server for the whole run; each test file then creates its own database on it.
const { startTestServer } = require('../dist/index.js');

module.exports = async function globalSetup() {
  globalThis.wxloginTestPostgres = await startTestServer();
};

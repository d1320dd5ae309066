// Jest globalTeardown paired with global-setup.cjs: stops the run's embedded server, if any.
module.exports = async function globalTeardown() {
  await globalThis.wxloginTestPostgres?.stop();
};

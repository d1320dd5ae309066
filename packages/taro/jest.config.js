/** Unit tests beside the source; the flow against the real API runs in apps/miniapp. */
module.exports = require('@wxlogin/jest-config')({
  // Sources import siblings as './x.js' (what the ESM build needs); Jest runs the .ts files.
  overrides: { moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' } },
});

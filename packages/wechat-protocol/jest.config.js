module.exports = require('@wxlogin/jest-config')({
  // Sources import siblings as './x.js' (what the ESM build needs); Jest runs the .ts files.
  overrides: { moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' } },
});

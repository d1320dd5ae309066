// dist/esm holds ES modules, but the package root has no "type" field (dist/cjs must stay
// CommonJS), so a nested package.json tells Node and bundlers how to read dist/esm/*.js.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

writeFileSync(
  join(__dirname, '..', 'dist', 'esm', 'package.json'),
  `${JSON.stringify({ type: 'module' })}\n`,
);

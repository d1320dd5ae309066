// dist/esm holds ES modules under a package root without "type": a nested package.json says so
// to Node and bundlers, and repeats sideEffects, since bundlers read the nearest package.json.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const { sideEffects } = require('../package.json');
writeFileSync(
  join(__dirname, '..', 'dist', 'esm', 'package.json'),
  `${JSON.stringify({ type: 'module', sideEffects })}\n`,
);

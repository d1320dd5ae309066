#!/usr/bin/env node
// `wxlogin-mark-esm`, the last step of a dual CommonJS + ES module build (run from the package
// folder): dist/esm holds ES modules, but the package root has no "type" field (dist/cjs must stay
// CommonJS), so a nested package.json tells Node and bundlers how to read dist/esm/*.js.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

// sideEffects is repeated here because bundlers read the nearest package.json, which for
// dist/esm/*.js is this one: without it webpack keeps every module of the package.
writeFileSync(
  join(process.cwd(), 'dist', 'esm', 'package.json'),
  `${JSON.stringify({ type: 'module', sideEffects: false })}\n`,
);

// @ts-check
'use strict';
// `pnpm bench` (apps/miniapp): how much wxlogin's weapp weighs on top of a bare one-page Taro 4 +
// React app built with the same config (config/, babel.config.js, package.json's browserslist,
// same dependencies). Both are production builds (`taro build --type weapp`, minified). The
// difference is what the login flow, its pages, zod/mini and the contracts cost the package.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const MINIAPP_DIR = path.resolve(__dirname, '..');
const TARO_CLI = path.join(MINIAPP_DIR, 'node_modules', '@tarojs', 'cli', 'bin', 'taro');
/** The budget for our own weight over the bare app. */
const BUDGET_BYTES = 60 * 1024;

const BARE_APP = {
  'src/app.ts': `import type { PropsWithChildren } from 'react';

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
`,
  'src/app.config.ts': `export default defineAppConfig({ pages: ['pages/index/index'] });\n`,
  'src/pages/index/index.config.ts': `export default definePageConfig({ navigationBarTitleText: 'bare' });\n`,
  'src/pages/index/index.tsx': `import { Text, View } from '@tarojs/components';

export default function Index() {
  return (
    <View>
      <Text>hello</Text>
    </View>
  );
}
`,
};

/** @param {string} dir @returns {Map<string, number>} bytes of each file, by relative path */
function fileSizes(dir) {
  /** @type {Map<string, number>} */
  const sizes = new Map();
  /** @param {string} folder */
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else sizes.set(path.relative(dir, file), fs.statSync(file).size);
    }
  };
  walk(dir);
  return sizes;
}

/** @param {Map<string, number>} sizes */
const total = (sizes) => [...sizes.values()].reduce((sum, size) => sum + size, 0);
/** @param {number} bytes */
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** @param {string} projectDir @param {string} outputRoot */
function build(projectDir, outputRoot) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [TARO_CLI, 'build', '--type', 'weapp'], {
    cwd: projectDir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      WEAPP_OUTPUT_ROOT: outputRoot,
    },
  });
  if (result.status !== 0) {
    throw new Error(`taro build in ${projectDir} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return Date.now() - started;
}

/** A copy of this project's build setup with the bare app as its source. */
function createBareProject(dir) {
  for (const file of ['package.json', 'babel.config.js', 'project.config.json']) {
    fs.copyFileSync(path.join(MINIAPP_DIR, file), path.join(dir, file));
  }
  fs.cpSync(path.join(MINIAPP_DIR, 'config'), path.join(dir, 'config'), { recursive: true });
  fs.symlinkSync(path.join(MINIAPP_DIR, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [file, text] of Object.entries(BARE_APP)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wxlogin-bundle-weight-'));
  try {
    const bareDir = path.join(work, 'bare');
    fs.mkdirSync(bareDir);
    createBareProject(bareDir);
    const bareMs = build(bareDir, path.join(work, 'bare-dist'));
    const oursMs = build(MINIAPP_DIR, path.join(work, 'ours-dist'));
    const bare = fileSizes(path.join(work, 'bare-dist'));
    const ours = fileSizes(path.join(work, 'ours-dist'));
    const over = total(ours) - total(bare);
    const rows = [...new Set([...bare.keys(), ...ours.keys()])]
      .map((file) => ({ file, bare: bare.get(file) ?? 0, ours: ours.get(file) ?? 0 }))
      .filter(({ bare: b, ours: o }) => b !== o)
      .sort((a, b) => b.ours - b.bare - (a.ours - a.bare));
    console.log(
      `bare one-page Taro 4 + React weapp: ${kb(total(bare))} (${bare.size} files, built in ${bareMs} ms)`,
    );
    console.log(
      `wxlogin weapp:                      ${kb(total(ours))} (${ours.size} files, built in ${oursMs} ms)`,
    );
    console.log(`wxlogin's own weight:               ${kb(over)} (budget ${kb(BUDGET_BYTES)})`);
    for (const { file, bare: b, ours: o } of rows) {
      console.log(
        `  ${file.padEnd(36)} ${kb(b).padStart(10)} → ${kb(o).padStart(10)}  (${o >= b ? '+' : ''}${kb(o - b)})`,
      );
    }
    if (over > BUDGET_BYTES) process.exitCode = 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();

import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/** Where the weapp build sends API calls; the H5 build always uses same-origin `/api`. */
const DEFAULT_API_BASE = 'http://127.0.0.1:3000';

/**
 * Dependencies whose published code is newer than ES2017, by folder (Taro's config check accepts
 * paths, not regular expressions; webpack matches them after resolving pnpm's symlinks).
 */
const TRANSPILED_DEPENDENCIES = ['zod', '@wxlogin/contracts'].map((name) =>
  realpathSync(join(__dirname, '..', 'node_modules', name)),
);

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>((merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'wxlogin-miniapp',
    date: '2026-11-21',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // Two outputs side by side: WeChat DevTools opens dist/, the browser build lands in dist-h5/.
    outputRoot: process.env.TARO_ENV === 'h5' ? 'dist-h5' : 'dist',
    plugins: [],
    // Taro only injects TARO_APP_* values found in .env files; this also takes them from the
    // process environment (CI, shell). Everything here ends up in the public bundle: no secrets.
    env: {
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? DEFAULT_API_BASE),
      TARO_APP_ID: JSON.stringify(process.env.TARO_APP_ID ?? ''),
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    // No esbuild prebundle in watch mode: it skips Babel (so the ES2017 transpiling above) and
    // bundles all of zod with its locales (~0.9 MB), which took the development weapp to 1.98 MB.
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // Babel (babel-preset-taro with package.json's browserslist: WeChat's oldest engines) runs on
      // src/ and @tarojs/* only; these ship syntax newer than ES2017 (zod's `?.`, `??`, object
      // spread; the contracts' ES2022 build), which an older phone cannot parse. A test parses
      // every built .js file as ES2017 (test/weapp-bundle.spec.ts).
      compile: { include: TRANSPILED_DEPENDENCIES },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig);
});

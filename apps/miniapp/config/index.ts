import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import type { Compiler } from 'webpack';
import devConfig from './dev';
import prodConfig from './prod';
import { describeWeappRelease, readWeappRelease, type WeappRelease } from './weapp-release';

/** Where the weapp build sends API calls; the H5 build always uses same-origin `/api`. */
const DEFAULT_API_BASE = 'http://127.0.0.1:3000';

/**
 * Dependencies Babel compiles like our own code, by folder (Taro's config check accepts paths,
 * not regular expressions; webpack matches them after resolving pnpm's symlinks): their published
 * code is newer than ES2017, and `@wxlogin/taro`'s `Taro.*` calls need Taro's Babel in H5.
 */
const TRANSPILED_DEPENDENCIES = ['zod', '@wxlogin/contracts', '@wxlogin/taro'].map((name) =>
  realpathSync(join(__dirname, '..', 'node_modules', name)),
);

/**
 * Taro's mini-program defaults minify for ES5 with most compressions off and escape every
 * non-ASCII character (each 汉字 of our messages became a 6-byte \uXXXX). WeChat reads UTF-8 and,
 * after Babel, the code is ES2017. `typeofs` stays off: it rewrites `typeof window === 'undefined'`
 * to `void 0 === window`, a ReferenceError where no window is. The H5 build keeps Taro's settings.
 */
const WEAPP_TERSER = {
  enable: true,
  config: {
    compress: {
      ecma: 2017,
      arrows: true,
      collapse_vars: true,
      comparisons: true,
      computed_props: true,
      inline: true,
      properties: true,
      reduce_funcs: true,
      reduce_vars: true,
      switches: true,
      passes: 2,
    },
    output: { ecma: 2017, ascii_only: false },
  },
};

/** Prints `text` after a successful compilation (the release build's domain lists). */
class PrintWhenDone {
  constructor(private readonly text: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('PrintWhenDone', (stats) => {
      if (!stats.hasErrors()) console.log(`\n${this.text}\n`);
    });
  }
}

/** Stops the build before anything is compiled: one line naming the problem, exit code 1. */
function refuse(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

/**
 * The login flow needs WeChat: `wx.login` codes for jscode2session, WeChat's phone button. Another
 * platform's login code would be sent to WeChat and refused, so other targets are not built at all.
 */
function readTarget(): 'weapp' | 'h5' {
  const target = process.env.TARO_ENV;
  if (target === 'weapp' || target === 'h5') return target;
  return refuse(
    `wxlogin builds only for weapp (WeChat) and h5 (the browser preview), not "${target}": ` +
      "its login exchanges WeChat's wx.login code, which no other platform has.",
  );
}

/** `pnpm release:weapp`: the upload build, refused outright when its address would not work. */
function readRelease(target: 'weapp' | 'h5'): WeappRelease | null {
  if (process.env.WEAPP_RELEASE !== 'true') return null;
  if (target !== 'weapp') refuse('the release build is a weapp build (taro build --type weapp)');
  try {
    return readWeappRelease(process.env);
  } catch (error) {
    return refuse(`release build refused: ${(error as Error).message}`);
  }
}

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>((merge) => {
  const target = readTarget();
  const release = readRelease(target);
  // WEAPP_OUTPUT_ROOT lets tests build a release next to, not over, the development dist/.
  const outputRoot = target === 'h5' ? 'dist-h5' : (process.env.WEAPP_OUTPUT_ROOT ?? 'dist');
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'wxlogin-miniapp',
    date: '2026-11-21',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // Two outputs side by side: WeChat DevTools opens dist/, the browser build lands in dist-h5/.
    outputRoot,
    plugins: [],
    // Taro only injects TARO_APP_* values found in .env files; this also takes them from the
    // process environment (CI, shell). Everything here ends up in the public bundle: no secrets.
    env: {
      TARO_APP_API_BASE: JSON.stringify(
        release?.apiBase ?? process.env.TARO_APP_API_BASE ?? DEFAULT_API_BASE,
      ),
      TARO_APP_ID: JSON.stringify(process.env.TARO_APP_ID ?? ''),
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    terser: target === 'weapp' ? WEAPP_TERSER : undefined,
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
      webpackChain(chain) {
        // Taro targets ES5 for webpack's own code (module wrappers, export getters, the runtime
        // chunk); the rest of the bundle is ES2017 already, and arrows and const are shorter.
        chain.set('target', ['web', 'es2017']);
        // Shortest export names and module/chunk ids (webpack's defaults keep them stable across
        // builds for long-term browser caching, which a mini-program package does not use).
        chain.optimization
          .set('mangleExports', 'size')
          .set('moduleIds', 'size')
          .set('chunkIds', 'size');
        if (!release) return;
        chain
          .plugin('weapp-release-domains')
          .use(PrintWhenDone, [describeWeappRelease(release, outputRoot)]);
      },
    },
    h5: {
      // Taro's Babel maps `Taro.getStorageSync` and friends onto its H5 implementation.
      compile: { include: TRANSPILED_DEPENDENCIES },
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

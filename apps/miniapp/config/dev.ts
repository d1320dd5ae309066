import type { UserConfigExport } from '@tarojs/cli';

/** `taro build --type h5 --watch` serves on the team's H5 port and forwards API and simulator calls. */
const API_ORIGIN = process.env.API_ORIGIN ?? 'http://127.0.0.1:3000';
const SIM_ORIGIN = process.env.SIM_ORIGIN ?? 'http://127.0.0.1:3001';

export default {
  logger: { quiet: false, stats: true },
  mini: {
    // The unminified code is readable as is; its source maps (~0.95 MB in dist/) would take the
    // package DevTools imports past WeChat's 2 MB cap.
    enableSourceMap: false,
  },
  h5: {
    devServer: {
      host: '127.0.0.1',
      port: 10086,
      // Same-origin /api and /sim in the browser: no CORS and no port baked into the bundle.
      proxy: {
        '/api': { target: API_ORIGIN, changeOrigin: true },
        '/sim': { target: SIM_ORIGIN, changeOrigin: true },
      },
    },
  },
} satisfies UserConfigExport<'webpack5'>;

import { relative } from 'node:path';
import { DEV_APP } from '@wxlogin/wechat-sim';
import { redactUrl, type DevConfig } from './dev-config';

/** The lines printed once everything answers: every URL, and what to open in WeChat DevTools. */
export function readyMessage(config: DevConfig): string {
  const rows: [string, string][] = [
    ['API', `${config.apiUrl}/api  (health: ${config.apiUrl}/api/health)`],
    ['OpenAPI page', `${config.apiUrl}/api/docs`],
  ];
  if (config.wechat.kind === 'wechat') {
    rows.push([
      'WeChat',
      `${config.wechat.url} with ${config.wechat.appIds.join(', ')} (no simulator, no H5 build: H5 logs in through the simulator)`,
    ]);
  } else {
    rows.push(['H5 app', `${config.h5Url}  (logs in through the simulator)`]);
    rows.push(['Simulator', `${config.wechat.url}  (phone side and controls under /sim/)`]);
    rows.push([
      'WeChat',
      `the simulator's dev app ${DEV_APP.appId}; WX_APPID and WX_SECRET in .env switch to real WeChat`,
    ]);
  }
  rows.push([
    'Database',
    config.database.kind === 'embedded'
      ? `embedded PostgreSQL on 127.0.0.1:${config.database.port}, data in ${config.database.dir} (kept between runs)`
      : redactUrl(config.database.url),
  ]);
  const weappFolder = relative(config.repoRoot, config.weappProject) || '.';
  rows.push([
    'WeChat DevTools',
    `import the folder ${weappFolder} (${config.weappProject}): the weapp build, rebuilt on every change, with the AppID of TARO_APP_ID`,
  ]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    'wxlogin is running:',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    'Ctrl-C stops everything.',
  ].join('\n');
}

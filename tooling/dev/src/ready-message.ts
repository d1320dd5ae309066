import { relative } from 'node:path';
import { DEV_APP } from '@wxlogin/wechat-sim';
import { redactUrl, type DevConfig } from './dev-config';

/** One line of the ready message; `url` is one a browser can open (it must answer 200). */
interface ReadyRow {
  label: string;
  url?: string;
  note?: string;
}

function readyRows(config: DevConfig): ReadyRow[] {
  const rows: ReadyRow[] = [
    { label: 'API health', url: `${config.apiUrl}/api/health` },
    { label: 'OpenAPI page', url: `${config.apiUrl}/api/docs`, note: '(every route of the API)' },
  ];
  if (config.wechat.kind === 'wechat') {
    rows.push({
      label: 'WeChat',
      note: `${new URL(config.wechat.url).host} with ${config.wechat.appIds.join(', ')} (no simulator, no H5 build: H5 logs in through the simulator)`,
    });
  } else {
    rows.push({
      label: 'H5 app',
      url: `${config.h5Url}/`,
      note: '(logs in through the simulator)',
    });
    rows.push({
      label: 'Simulator',
      url: `${config.wechat.url}/`,
      note: '(index of its endpoints; phone side and controls under /sim/)',
    });
    rows.push({
      label: 'WeChat',
      note: `the simulator's dev app ${DEV_APP.appId}; WX_APPID and WX_SECRET in .env switch to real WeChat`,
    });
  }
  rows.push({
    label: 'Database',
    note:
      config.database.kind === 'embedded'
        ? `embedded PostgreSQL on 127.0.0.1:${config.database.port}, data in ${config.database.dir} (kept between runs)`
        : redactUrl(config.database.url),
  });
  const weappFolder = relative(config.repoRoot, config.weappProject) || '.';
  rows.push({
    label: 'WeChat DevTools',
    note: `import the folder ${weappFolder} (${config.weappProject}): the weapp build, rebuilt on every change, with the AppID of TARO_APP_ID`,
  });
  return rows;
}

/**
 * The URLs the ready message prints, keyed by what they are. `pnpm dev` waits until each answers
 * 200 before printing the message, so no printed address is a dead link.
 */
export function readyUrls(config: DevConfig): [label: string, url: string][] {
  return readyRows(config).flatMap(({ label, url }) =>
    url ? [[label, url] as [string, string]] : [],
  );
}

/** The lines printed once everything answers: every URL, and what to open in WeChat DevTools. */
export function readyMessage(config: DevConfig): string {
  const rows = readyRows(config);
  const width = Math.max(...rows.map(({ label }) => label.length));
  return [
    'wxlogin is running:',
    ...rows.map(
      ({ label, url, note }) =>
        `  ${label.padEnd(width)}  ${[url, note].filter(Boolean).join('  ')}`,
    ),
    'Ctrl-C stops everything.',
  ].join('\n');
}

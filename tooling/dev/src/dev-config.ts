import { join } from 'node:path';

/** Environment as read: process variables, then the root .env for what they leave unset. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Where the API's WeChat calls go during development. */
export type WechatTarget =
  /** No app configured: the simulator this command starts, with its built-in dev app. */
  | { kind: 'local-simulator'; url: string }
  /** No app configured, WECHAT_API_BASE set: a simulator running elsewhere. */
  | { kind: 'external-simulator'; url: string }
  /** WX_APPID/WX_SECRET or WX_APPS set: real WeChat (or WECHAT_API_BASE). */
  | { kind: 'wechat'; url: string; appIds: string[] };

/** Everything `pnpm dev` needs to start the product and to tell where it is. */
export interface DevConfig {
  readonly repoRoot: string;
  readonly apiUrl: string;
  readonly apiPort: number;
  readonly simPort: number;
  /** The H5 dev server's port, fixed in apps/miniapp/config/dev.ts. */
  readonly h5Port: number;
  readonly h5Url: string;
  readonly wechat: WechatTarget;
  readonly database: { kind: 'embedded'; dir: string; port: number } | { kind: 'url'; url: string };
  /** The folder to open in WeChat DevTools: the weapp build, with Taro's project.config.json. */
  readonly weappProject: string;
  /** Variables added to every child's environment. */
  readonly childEnv: Record<string, string>;
}

/** The H5 dev server port of apps/miniapp/config/dev.ts. */
export const H5_PORT = 10086;
const REAL_WECHAT = 'https://api.weixin.qq.com';

function port(env: Env, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name} must be a port number (1–65535), got "${text}"`);
  }
  return value;
}

const isSet = (value: string | undefined): value is string =>
  value !== undefined && value.trim() !== '';

/** Hides the password of a connection URL, for printing. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** The app ids configured by WX_APPID or WX_APPS (secrets dropped). */
function configuredAppIds(env: Env): string[] {
  const ids: string[] = [];
  if (isSet(env['WX_APPID'])) ids.push(env['WX_APPID'].trim());
  for (const entry of (env['WX_APPS'] ?? '').split(',')) {
    const appId = entry.split(':')[0]?.trim();
    if (isSet(appId) && !ids.includes(appId)) ids.push(appId);
  }
  return ids;
}

/** Reads the development setup from the environment. Throws on a malformed port. */
export function resolveDevConfig(env: Env, repoRoot: string): DevConfig {
  const apiPort = port(env, 'PORT', 3000);
  const simPort = port(env, 'SIM_PORT', 3001);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const appIds = configuredAppIds(env);
  const wechatApiBase = env['WECHAT_API_BASE']?.trim().replace(/\/+$/, '');

  let wechat: WechatTarget;
  if (appIds.length > 0) {
    wechat = { kind: 'wechat', url: isSet(wechatApiBase) ? wechatApiBase : REAL_WECHAT, appIds };
  } else if (isSet(wechatApiBase)) {
    wechat = { kind: 'external-simulator', url: wechatApiBase };
  } else {
    wechat = { kind: 'local-simulator', url: `http://127.0.0.1:${simPort}` };
  }

  const database: DevConfig['database'] = isSet(env['DATABASE_URL'])
    ? { kind: 'url', url: env['DATABASE_URL'] }
    : {
        kind: 'embedded',
        dir: env['EMBEDDED_PG_DIR'] ?? join('apps', 'api', '.data', 'postgres'),
        port: port(env, 'EMBEDDED_PG_PORT', 54329),
      };

  return {
    repoRoot,
    apiUrl,
    apiPort,
    simPort,
    h5Port: H5_PORT,
    h5Url: `http://127.0.0.1:${H5_PORT}`,
    wechat,
    database,
    weappProject: join(repoRoot, 'apps', 'miniapp', 'dist'),
    childEnv: {
      NODE_ENV: 'development',
      PORT: String(apiPort),
      SIM_PORT: String(simPort),
      // The weapp build calls the API directly; the H5 dev server proxies /api and /sim.
      TARO_APP_API_BASE: env['TARO_APP_API_BASE'] ?? apiUrl,
      API_ORIGIN: apiUrl,
      SIM_ORIGIN: wechat.kind === 'wechat' ? `http://127.0.0.1:${simPort}` : wechat.url,
    },
  };
}

/** Parses a .env file: `NAME=value` lines, optional quotes, `#` comments. */
export function parseDotenv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match === null) continue;
    const [, name = '', raw = ''] = match;
    const quoted = /^(['"])(.*)\1$/.exec(raw);
    values[name] = quoted === null ? raw.replace(/\s+#.*$/, '') : (quoted[2] ?? '');
  }
  return values;
}

/** Process variables win; the .env file fills in what they leave unset. */
export function mergeEnv(processEnv: Env, dotenv: Record<string, string>): Env {
  const merged: Record<string, string | undefined> = { ...dotenv };
  for (const [name, value] of Object.entries(processEnv)) {
    if (value !== undefined) merged[name] = value;
  }
  return merged;
}

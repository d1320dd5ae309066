// Development/test only: wires the API to the WeChat simulator when no WeChat app is configured.
// `@wxlogin/wechat-sim` is a devDependency, so it is only ever loaded with a dynamic import(), and
// only from here.
import type { AppConfig } from '../config/app-config';
import type { AppLogger } from '../logging/logger';
import type { WechatEndpoint } from './wechat-endpoint';

async function answersAsSimulator(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/sim/control/counters`, {
      signal: AbortSignal.timeout(1000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Uses the simulator's built-in dev app; talks to WECHAT_API_BASE when given, else to a simulator
 * already answering on SIM_PORT, else starts one in this process (closed on shutdown).
 */
export async function wireDevSimulator(
  config: AppConfig,
  logger: AppLogger,
): Promise<WechatEndpoint> {
  const { DEV_APP, startSimulator } = await import('@wxlogin/wechat-sim');
  const apps = [{ appId: DEV_APP.appId, secret: DEV_APP.secret }];
  const noop = () => Promise.resolve();
  if (config.wechatApiBase !== undefined) {
    logger.warn(
      { baseUrl: config.wechatApiBase, appId: DEV_APP.appId },
      'no WeChat app configured: using the simulator dev app at WECHAT_API_BASE',
    );
    return { baseUrl: config.wechatApiBase, apps, close: noop };
  }
  const localUrl = `http://127.0.0.1:${config.simPort}`;
  if (await answersAsSimulator(localUrl)) {
    logger.warn({ baseUrl: localUrl }, 'no WeChat app configured: using the running simulator');
    return { baseUrl: localUrl, apps, close: noop };
  }
  try {
    const running = await startSimulator({ port: config.simPort, host: '127.0.0.1' });
    logger.warn(
      { baseUrl: running.url, appId: DEV_APP.appId },
      'no WeChat app configured: started the WeChat simulator in this process',
    );
    return { baseUrl: running.url, apps, close: () => running.close() };
  } catch (error) {
    // Another process (a second API instance) started one on the same port meanwhile.
    if (await answersAsSimulator(localUrl)) return { baseUrl: localUrl, apps, close: noop };
    throw error;
  }
}

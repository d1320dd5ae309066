import type { AppConfig, WxApp } from '../config/app-config';
import type { AppLogger } from '../common/logger';

/** Where WeChat's server API is and which apps the API serves there. */
export interface WechatEndpoint {
  readonly baseUrl: string;
  readonly apps: readonly WxApp[];
  /** Stops what the dev wiring started (an in-process simulator); a no-op otherwise. */
  close(): Promise<void>;
}

export const WECHAT_ENDPOINT = Symbol('WECHAT_ENDPOINT');

/**
 * Production path: the configured apps at WECHAT_API_BASE. With no app configured (only possible
 * outside production, config enforces it) the dev wiring module is loaded on demand; it is the
 * only place that touches the simulator, a dev dependency absent from production images.
 */
export async function resolveWechatEndpoint(
  config: AppConfig,
  logger: AppLogger,
): Promise<WechatEndpoint> {
  if (config.apps.length > 0 && config.wechatApiBase !== undefined) {
    return { baseUrl: config.wechatApiBase, apps: config.apps, close: () => Promise.resolve() };
  }
  const { wireDevSimulator } = await import('./dev-simulator.wiring');
  return wireDevSimulator(config, logger.child({ component: 'dev-simulator' }));
}

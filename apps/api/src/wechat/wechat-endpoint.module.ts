import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { APP_LOGGER, type AppLogger } from '../logging/logger';
import { WECHAT_ENDPOINT, type WechatEndpoint } from './wechat-endpoint';

/**
 * Production path: the configured apps at WECHAT_API_BASE. With no app configured (only possible
 * outside production, config enforces it) the dev wiring module is loaded on demand; it is the
 * only place that touches the simulator, a dev dependency absent from production images.
 */
async function resolveWechatEndpoint(
  config: AppConfig,
  logger: AppLogger,
): Promise<WechatEndpoint> {
  if (config.apps.length > 0 && config.wechatApiBase !== undefined) {
    return { baseUrl: config.wechatApiBase, apps: config.apps, close: () => Promise.resolve() };
  }
  const { wireDevSimulator } = await import('./dev-simulator.wiring');
  return wireDevSimulator(config, logger.child({ component: 'dev-simulator' }));
}

class WechatEndpointLifecycle implements OnApplicationShutdown {
  constructor(@Inject(WECHAT_ENDPOINT) private readonly endpoint: WechatEndpoint) {}

  async onApplicationShutdown() {
    await this.endpoint.close();
  }
}

/** Which WeChat the login module talks to, and with which apps (see WechatEndpoint). */
@Module({
  providers: [
    {
      provide: WECHAT_ENDPOINT,
      inject: [APP_CONFIG, APP_LOGGER],
      useFactory: resolveWechatEndpoint,
    },
    WechatEndpointLifecycle,
  ],
  exports: [WECHAT_ENDPOINT],
})
export class WechatEndpointModule {}

import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { APP_LOGGER } from '../common/logger';
import { AccessTokenProvider } from './access-token.provider';
import { WECHAT_ENDPOINT, type WechatEndpoint, resolveWechatEndpoint } from './wechat-endpoint';
import { WechatHttpClient } from './wechat-http.client';
import { WechatService } from './wechat.service';
import { WxAppRegistry } from './wx-app.registry';

class WechatLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(WECHAT_ENDPOINT) private readonly endpoint: WechatEndpoint,
    private readonly http: WechatHttpClient,
  ) {}

  async onApplicationShutdown() {
    await this.http.close();
    await this.endpoint.close();
  }
}

/** The adapter for WeChat's servers: apps, HTTP client, access_token cache, calls. */
@Module({
  providers: [
    {
      provide: WECHAT_ENDPOINT,
      inject: [APP_CONFIG, APP_LOGGER],
      useFactory: resolveWechatEndpoint,
    },
    {
      provide: WechatHttpClient,
      inject: [WECHAT_ENDPOINT, APP_CONFIG],
      useFactory: (endpoint: WechatEndpoint, config: AppConfig) =>
        new WechatHttpClient(endpoint.baseUrl, config.wechatTimeoutMs),
    },
    WxAppRegistry,
    AccessTokenProvider,
    WechatService,
    WechatLifecycle,
  ],
  exports: [WechatService, WxAppRegistry],
})
export class WechatModule {}

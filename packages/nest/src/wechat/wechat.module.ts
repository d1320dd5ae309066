import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { WXLOGIN_SETTINGS, type WxLoginSettings } from '../options/wxlogin-options';
import { WechatAccessTokenProvider } from './wechat-access-token.provider';
import { WechatHttpClient } from './wechat-http.client';
import { WechatService } from './wechat.service';
import { WxAppRegistry } from './wx-app.registry';

@Injectable()
class WechatLifecycle implements OnApplicationShutdown {
  constructor(private readonly http: WechatHttpClient) {}

  async onApplicationShutdown() {
    await this.http.close();
  }
}

/** The adapter for WeChat's servers: apps, HTTP client, access_token cache, calls. */
@Module({
  providers: [
    {
      provide: WechatHttpClient,
      inject: [WXLOGIN_SETTINGS],
      useFactory: (settings: WxLoginSettings) =>
        new WechatHttpClient(settings.wechatApiBaseUrl, settings.wechatTimeoutMs),
    },
    WxAppRegistry,
    WechatAccessTokenProvider,
    WechatService,
    WechatLifecycle,
  ],
  exports: [WechatService, WechatHttpClient, WxAppRegistry],
})
export class WechatModule {}

import { Inject, Injectable } from '@nestjs/common';
import type { WxApp } from '../config/app-config';
import { ApiError } from '../common/api-error';
import { WECHAT_ENDPOINT, type WechatEndpoint } from './wechat-endpoint';

/** The mini-programs this API serves; the first is the default. */
@Injectable()
export class WxAppRegistry {
  private readonly byId: ReadonlyMap<string, WxApp>;
  private readonly defaultApp: WxApp;

  constructor(@Inject(WECHAT_ENDPOINT) endpoint: WechatEndpoint) {
    this.byId = new Map(endpoint.apps.map((app) => [app.appId.toLowerCase(), app]));
    const first = endpoint.apps[0];
    if (first === undefined) throw new Error('no WeChat app configured');
    this.defaultApp = first;
  }

  /** The app named by a request (case-insensitive AppID), or the default one. */
  resolve(appId: string | undefined): WxApp {
    if (appId === undefined) return this.defaultApp;
    const app = this.byId.get(appId.toLowerCase());
    if (app === undefined) throw new ApiError('UNKNOWN_APP');
    return app;
  }
}

import { Injectable } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { InjectSettings, type WxApp, type WxLoginSettings } from '../options/wxlogin-options';

/** The mini-programs this module serves; the first is the default. */
@Injectable()
export class WxAppRegistry {
  private readonly byId: ReadonlyMap<string, WxApp>;
  private readonly defaultApp: WxApp;

  constructor(@InjectSettings() settings: WxLoginSettings) {
    this.byId = new Map(settings.apps.map((app) => [app.appId.toLowerCase(), app]));
    const first = settings.apps[0];
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

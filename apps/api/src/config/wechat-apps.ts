import type { WxApp } from '@wxlogin/nest';
import type { RawEnv } from './env-schema';

/** The mini-programs named by the environment, each with the variable that named it. */
export interface ConfiguredApps {
  readonly apps: readonly WxApp[];
  /** `WX_APPID` or `WX_APPS` for each of `apps`, in the same order. */
  readonly sources: readonly ('WX_APPID' | 'WX_APPS')[];
}

/**
 * WX_APPID + WX_SECRET, then each `appid:secret` of WX_APPS, as written. Whether they are an
 * AppID and an AppSecret, and listed once, is the login module's check (wxlogin-settings.ts).
 */
export function readApps(raw: RawEnv, problems: string[]): ConfiguredApps {
  const apps: WxApp[] = [];
  const sources: ('WX_APPID' | 'WX_APPS')[] = [];
  if (raw.WX_APPID !== undefined || raw.WX_SECRET !== undefined) {
    if (raw.WX_APPID === undefined) problems.push('WX_APPID: required when WX_SECRET is set');
    else if (raw.WX_SECRET === undefined) problems.push('WX_SECRET: required when WX_APPID is set');
    else {
      apps.push({ appId: raw.WX_APPID, secret: raw.WX_SECRET });
      sources.push('WX_APPID');
    }
  }
  if (raw.WX_APPS !== undefined) {
    for (const entry of raw.WX_APPS.split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [appId, secret, ...rest] = entry.split(':');
      if (appId === undefined || secret === undefined || rest.length > 0) {
        problems.push(`WX_APPS: entry "${appId ?? ''}:…" must be appid:secret`);
      } else {
        apps.push({ appId, secret });
        sources.push('WX_APPS');
      }
    }
  }
  return { apps, sources };
}

import { type AuthPlatform, createWxLogin, type WxLogin } from '@wxlogin/taro';
import { createH5SimulatorPlatform } from '@wxlogin/taro/h5-simulator';
import { createTaroPlatform } from '@wxlogin/taro/taro';

/** A real AppID, not DevTools' `touristappid` placeholder: only those are worth telling the API. */
const REAL_APP_ID = /^wx[0-9a-fA-F]{16}$/;

function createPlatform(): AuthPlatform {
  // The weapp build evaluates this condition to false, so the simulator adapter (an unused
  // import of a side-effect-free package) never reaches the mini-program bundle.
  if (process.env.TARO_ENV === 'h5') {
    return createH5SimulatorPlatform({ appId: process.env.TARO_APP_ID });
  }
  return createTaroPlatform();
}

/**
 * The app's login client, made once by `app.tsx` and handed to the pages by its provider. The
 * weapp build calls the API at `TARO_APP_API_BASE`; the H5 build calls `/api` on its own origin.
 */
export function createLoginClient(): WxLogin {
  const appId = process.env.TARO_APP_ID ?? '';
  return createWxLogin({
    platform: createPlatform(),
    apiBase: process.env.TARO_ENV === 'h5' ? '' : (process.env.TARO_APP_API_BASE ?? ''),
    appId: REAL_APP_ID.test(appId) ? appId : undefined,
  });
}

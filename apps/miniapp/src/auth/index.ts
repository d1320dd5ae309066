import type * as BrowserSimulator from './browser-simulator.platform';
import { AuthClient } from './auth.client';
import type { AuthPlatform } from './auth.platform';
import { createTaroPlatform } from './taro.platform';

export { type SignInFailure, signInFailureOf, userMessageOf } from './api-error';
export type { PhoneLoginOutcome } from './auth.client';

function createPlatform(): AuthPlatform {
  if (process.env.TARO_ENV === 'h5') {
    // A require() inside a branch that webpack evaluates as constant-false for weapp is not even
    // parsed there, so the simulator adapter cannot reach the mini-program bundle.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const simulator = require('./browser-simulator.platform') as typeof BrowserSimulator;
    return simulator.createBrowserSimulatorPlatform();
  }
  return createTaroPlatform();
}

/** A real AppID, not DevTools' `touristappid` placeholder: only those are worth telling the API. */
const REAL_APP_ID = /^wx[0-9a-fA-F]{16}$/;
const appId = process.env.TARO_APP_ID ?? '';

/** The app's one login client. The H5 build talks to `/api` on its own origin. */
export const auth = new AuthClient(createPlatform(), {
  apiBase: process.env.TARO_ENV === 'h5' ? '' : (process.env.TARO_APP_API_BASE ?? ''),
  appId: REAL_APP_ID.test(appId) ? appId : undefined,
});

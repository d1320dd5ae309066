import type { AuthPlatform } from '../platform.js';
import { createTaroPlatform } from '../runtime/taro.platform.js';
import { SIMULATOR_DEV_APP_ID, withSimulatedWeChat } from './simulator.platform.js';

/** Where the simulated person's name is remembered between page loads. */
const SIMULATED_USER_ITEM = 'wxlogin-simulator.user';

/**
 * The H5 preview's platform: Taro's browser request and storage, WeChat played by the simulator
 * behind the same origin (`/sim`, proxied by the dev server or the test server). `?simUser=<name>`
 * in the page URL picks the simulated person; otherwise one is made up per browser.
 * @param appId the app the simulator plays WeChat for (default: its built-in development app)
 */
export function createH5SimulatorPlatform({ appId }: { appId?: string } = {}): AuthPlatform {
  return withSimulatedWeChat(createTaroPlatform(), {
    simulatorBase: '',
    appId: appId || SIMULATOR_DEV_APP_ID,
    userId: simulatedUserId(),
  });
}

// The simulated person belongs to the (simulated) WeChat client, not to the app, so it lives
// outside the app's storage and survives logout.
function simulatedUserId(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('simUser');
  if (fromUrl) return fromUrl;
  const remembered = window.localStorage.getItem(SIMULATED_USER_ITEM);
  if (remembered) return remembered;
  const made = `h5-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  window.localStorage.setItem(SIMULATED_USER_ITEM, made);
  return made;
}

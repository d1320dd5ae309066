import {
  startSimulator,
  type RunningSimulator,
  type StartSimulatorOptions,
} from '../src/http-server';
import { DEV_APP, type SimAppConfig } from '../src/sim-config';
import { SimHttp } from './sim-http';

/** Fake test apps (simulator-only credentials, not secrets). */
export const OTHER_APP: SimAppConfig = {
  appId: 'wx1111111111111111',
  secret: '11111111111111111111111111111111',
};
export const UNION_APP_A: SimAppConfig = {
  appId: 'wxaaaaaaaaaaaaaaaa',
  secret: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  unionBound: true,
};
export const UNION_APP_B: SimAppConfig = {
  appId: 'wxbbbbbbbbbbbbbbbb',
  secret: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
  unionBound: true,
};
export const TEST_APPS: SimAppConfig[] = [DEV_APP, OTHER_APP, UNION_APP_A, UNION_APP_B];

export interface TestSimulator {
  running: RunningSimulator;
  http: SimHttp;
}

/** A simulator on a random port with the test apps and a frozen clock (moves only by advance). */
export async function startTestSimulator(
  options: StartSimulatorOptions = {},
): Promise<TestSimulator> {
  const running = await startSimulator({ port: 0, apps: TEST_APPS, freezeClock: true, ...options });
  return { running, http: new SimHttp(running.url) };
}

import type { JsonObject } from './http-io';
import { SESSION_KEY_ROTATIONS, type SessionKeyRotation } from './sim-config';
import { SimFaults } from './sim-faults';
import { appUser, optionalString, requiredNumber, type SimRoute } from './sim-route';
import type { Simulator } from './simulator';
import { SimulatorError } from './simulator.error';

/** What tests, benchmarks and the dev server use to steer the simulator. */
export const CONTROL_ROUTES = new Map<string, SimRoute>([
  ['/sim/health', { method: 'GET', run: () => ({ status: 'ok' }) }],
  ['/sim/control/clock', { method: 'GET', run: (sim) => ({ now: sim.clock.now() }) }],
  [
    '/sim/control/clock/advance',
    {
      method: 'POST',
      run: (sim, body) => {
        sim.clock.advance(requiredNumber(body, 'ms'));
        return { now: sim.clock.now() };
      },
    },
  ],
  ['/sim/control/faults', { method: 'POST', run: applyFaults }],
  [
    '/sim/control/rotation',
    {
      method: 'POST',
      run: (sim, body) => {
        sim.setRotation(requiredRotation(body));
        return { rotation: sim.rotation };
      },
    },
  ],
  [
    '/sim/control/users',
    {
      method: 'PUT',
      run: (sim, body) =>
        sim.setUser(...appUser(body), {
          phoneNumber: optionalString(body, 'phoneNumber'),
          countryCode: optionalString(body, 'countryCode'),
          nickName: optionalString(body, 'nickName'),
        }),
    },
  ],
  ['/sim/control/counters', { method: 'GET', run: (sim) => sim.counters() }],
  [
    '/sim/control/reset',
    {
      method: 'POST',
      run: (sim) => {
        sim.reset();
        return { ok: true };
      },
    },
  ],
]);

function requiredRotation(body: JsonObject): SessionKeyRotation {
  const value = body['rotation'];
  const rotation = SESSION_KEY_ROTATIONS.find((known) => known === value);
  if (rotation === undefined) {
    throw new SimulatorError(
      'INVALID_ARGUMENT',
      `rotation must be one of ${SESSION_KEY_ROTATIONS.join(', ')}`,
    );
  }
  return rotation;
}

/** POST /sim/control/faults: applies the fields present, answers the resulting settings. */
function applyFaults(sim: Simulator, body: JsonObject) {
  // Validate everything first so a bad field changes nothing.
  const busyRate = body['busyRate'] === undefined ? undefined : requiredNumber(body, 'busyRate');
  const latencyMs = body['latencyMs'] === undefined ? undefined : requiredNumber(body, 'latencyMs');
  const slowCalls = shareAndMs(body, 'slowCalls', 'delayMs');
  const latencySpikes = shareAndMs(body, 'latencySpikes', 'maxMs');
  const tokenRejections =
    body['tokenRejections'] === undefined ? undefined : requiredNumber(body, 'tokenRejections');
  const rateLimited = userSwitch(body, 'rateLimited');
  const blocked = userSwitch(body, 'blocked');
  // The setters check ranges: try them on a scratch copy first so a bad value applies nothing.
  const scratch = new SimFaults(0);
  if (busyRate !== undefined) scratch.setBusyRate(busyRate);
  if (latencyMs !== undefined) scratch.setLatencyMs(latencyMs);
  if (slowCalls !== undefined) scratch.setSlowCalls(...slowCalls);
  if (latencySpikes !== undefined) scratch.setLatencySpikes(...latencySpikes);
  if (tokenRejections !== undefined) scratch.setTokenRejections(tokenRejections);
  if (busyRate !== undefined) sim.faults.setBusyRate(busyRate);
  if (latencyMs !== undefined) sim.faults.setLatencyMs(latencyMs);
  if (slowCalls !== undefined) sim.faults.setSlowCalls(...slowCalls);
  if (latencySpikes !== undefined) sim.faults.setLatencySpikes(...latencySpikes);
  if (tokenRejections !== undefined) sim.faults.setTokenRejections(tokenRejections);
  if (rateLimited !== undefined) sim.faults.setRateLimited(...rateLimited);
  if (blocked !== undefined) sim.faults.setBlocked(...blocked);
  const { faults } = sim;
  return {
    busyRate: faults.busyRate,
    latencyMs: faults.latencyMs,
    slowCalls: faults.slowCalls,
    latencySpikes: faults.latencySpikes,
    tokenRejections: faults.tokenRejections,
  };
}

/** `{ share, <msField> }` of a delay fault, as the setter's two arguments. */
function shareAndMs(
  body: JsonObject,
  name: string,
  msField: string,
): [share: number, ms: number] | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) {
    throw new SimulatorError('INVALID_ARGUMENT', `${name} must be { share, ${msField} }`);
  }
  const fields = value as JsonObject;
  return [requiredNumber(fields, 'share'), requiredNumber(fields, msField)];
}

function userSwitch(
  body: JsonObject,
  name: string,
): [appId: string, userId: string, on: boolean] | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) {
    throw new SimulatorError('INVALID_ARGUMENT', `${name} must be { appId, userId, on }`);
  }
  const fields = value as JsonObject;
  if (typeof fields['on'] !== 'boolean') {
    throw new SimulatorError('INVALID_ARGUMENT', `${name}.on must be a boolean`);
  }
  return [...appUser(fields), fields['on']];
}

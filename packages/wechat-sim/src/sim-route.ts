import type { JsonObject } from './http-io';
import type { Simulator } from './simulator';
import { SimulatorError } from './simulator.error';

/** A route under /sim/ (the phone side or a control): its method and what it runs on the body. */
export interface SimRoute {
  method: 'GET' | 'POST' | 'PUT';
  /** Throws SimulatorError or RangeError for a bad body: answered 400. */
  run(sim: Simulator, body: JsonObject): unknown;
}

/** The `{ appId, userId }` every phone-side body and user control carries. */
export function appUser(body: JsonObject): [appId: string, userId: string] {
  return [requiredString(body, 'appId'), requiredString(body, 'userId')];
}

export function requiredString(body: JsonObject, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw new SimulatorError('INVALID_ARGUMENT', `${name} must be a non-empty string`);
  }
  return value;
}

export function optionalString(body: JsonObject, name: string): string | undefined {
  return body[name] === undefined ? undefined : requiredString(body, name);
}

export function requiredNumber(body: JsonObject, name: string): number {
  const value = body[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SimulatorError('INVALID_ARGUMENT', `${name} must be a finite number`);
  }
  return value;
}

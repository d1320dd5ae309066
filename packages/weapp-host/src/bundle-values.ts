/** A plain object handed over by, or to, the bundle. */
export type AnyRecord = Record<string, unknown>;

/** The message of what the bundle threw or rejected with (an Error or WeChat's `{ errMsg }`). */
export function errorMessage(error: unknown): string {
  // Errors thrown by the bundle come from its own realm (not `instanceof Error` here).
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String(error.message);
  }
  if (typeof error === 'object' && error !== null && 'errMsg' in error) {
    return String(error.errMsg);
  }
  return String(error);
}

/** `value` when it is a string, else `fallback` (bundle arguments are untyped). */
export function asString(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Why the simulator refused a client or control call. */
export type SimulatorErrorCode = 'UNKNOWN_APP' | 'INVALID_ARGUMENT';

/**
 * Thrown by client-side and control calls given something a real WeChat client could not produce
 * (an app the simulator does not know, a malformed argument). Server-side endpoints never throw:
 * they answer with WeChat errcodes like WeChat does.
 */
export class SimulatorError extends Error {
  override readonly name = 'SimulatorError';

  constructor(
    readonly code: SimulatorErrorCode,
    message: string,
  ) {
    super(message);
  }
}

import * as z from 'zod/mini';
import { ErrorCode } from './error-code.catalogue.js';

/**
 * Body of every error answer of the API. `code` is stable and machine-readable; `message` is the
 * catalogue's zh-CN text (never internals); `requestId` ties the answer to the server's logs;
 * `retryable` repeats the catalogue's verdict so clients need not ship the catalogue.
 */
export const ErrorEnvelope = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    requestId: z.string(),
    retryable: z.boolean(),
  }),
});
/** @see {@link ErrorEnvelope} */
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/**
 * Whether `body` (typically a parsed HTTP response body) is an {@link ErrorEnvelope} with a known
 * code. Never throws.
 */
export function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  return ErrorEnvelope.safeParse(body).success;
}

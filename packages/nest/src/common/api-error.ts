import type { ErrorCode } from '@wxlogin/contracts';

/**
 * An expected failure with a stable code from the contract. The filter answers it with the
 * catalogue's status, message and retryable flag; `detail` is for logs only unless `expose`.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    options?: { cause?: unknown; expose?: boolean },
  ) {
    super(detail ?? code, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.isDetailPublic = options?.expose ?? false;
  }

  /** Whether `detail` may be shown to the client (e.g. which field failed validation). */
  readonly isDetailPublic: boolean;
}

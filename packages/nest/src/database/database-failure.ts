import { DatabaseError } from 'pg';

/**
 * SQLSTATEs of a failure that says nothing about the request: the server is going away,
 * overloaded, or gave up waiting (https://www.postgresql.org/docs/current/errcodes-appendix.html).
 * Class 08 (connection exception) is matched by its prefix.
 */
const TEMPORARY_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, in recovery)
  '57P05', // idle_session_timeout
  '57014', // query_canceled: statement_timeout
  '25P03', // idle_in_transaction_session_timeout
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/**
 * Socket errors on the way to the server (DNS, refused, reset, unreachable); counted only with
 * the `syscall` that failed, which a client's aborted request (also ECONNRESET) does not carry.
 */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * node-postgres reports its own timeouts and lost connections as plain `Error`s without a code;
 * these are their messages (pg 8 and pg-pool 3).
 */
const CLIENT_FAILURE_MESSAGES = [
  'timeout exceeded when trying to connect', // pool: no connection within connectionTimeoutMillis
  'Connection terminated', // …unexpectedly / …due to connection timeout / ended by the server
  'Query read timeout', // query_timeout: the server did not answer
  'is not queryable', // a client whose connection already failed or was closed
  'Cannot use a pool after calling end on the pool', // the app is shutting down
];

function stringField(error: object, field: 'code' | 'syscall' | 'message'): string | undefined {
  const value = (error as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

/** A failure reported by the PostgreSQL server itself, with a SQLSTATE. */
export function isServerReported(error: unknown): error is DatabaseError {
  return error instanceof DatabaseError;
}

/**
 * Whether `error` means the database is down, unreachable, overloaded or too slow right now —
 * worth a retryable answer — rather than a bug or a constraint the request broke. Looks through
 * `cause` (and TypeORM's `driverError`) and the attempts of an AggregateError (one per address).
 */
export function isTemporaryDatabaseFailure(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const code = stringField(error, 'code');
  if (isServerReported(error)) {
    return code !== undefined && (code.startsWith('08') || TEMPORARY_SQLSTATES.has(code));
  }
  // Duck-typed rather than `instanceof Error`: Node's own errors may come from another realm.
  if (code !== undefined && NETWORK_ERROR_CODES.has(code) && stringField(error, 'syscall')) {
    return true;
  }
  const message = stringField(error, 'message') ?? '';
  if (CLIENT_FAILURE_MESSAGES.some((known) => message.includes(known))) return true;
  const { cause, driverError, errors } = error as {
    cause?: unknown;
    driverError?: unknown;
    errors?: unknown;
  };
  if (Array.isArray(errors) && errors.some((e) => isTemporaryDatabaseFailure(e, depth + 1))) {
    return true;
  }
  return (
    isTemporaryDatabaseFailure(cause, depth + 1) ||
    isTemporaryDatabaseFailure(driverError, depth + 1)
  );
}

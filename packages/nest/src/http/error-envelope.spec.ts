import { BadRequestException } from '@nestjs/common';
import { DatabaseError } from 'pg';
import { ApiError } from '../common/api-error';
import { classifyError, errorHeaders } from './error-envelope';

/** An error as node-postgres reports one from the server: a message and a SQLSTATE. */
function serverError(sqlState: string, message = 'server says no'): DatabaseError {
  const error = new DatabaseError(message, message.length, 'error');
  error.code = sqlState;
  return error;
}

/** A Node socket error such as `connect ECONNREFUSED 127.0.0.1:5432`. */
function socketError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect' });
}

const unavailable = { code: 'SERVICE_UNAVAILABLE', isUnexpected: false, isDependencyFailure: true };

describe('classifyError', () => {
  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'terminating connection because of crash of another server process'],
    ['57P03', 'the database system is starting up'],
    ['57014', 'canceling statement due to statement timeout'],
    ['25P03', 'terminating connection due to idle-in-transaction timeout'],
    ['53300', 'sorry, too many clients already'],
    ['40001', 'could not serialize access due to concurrent update'],
    ['40P01', 'deadlock detected'],
    ['08006', 'connection failure'],
    ['08P01', 'protocol violation'],
  ])('should answer SQLSTATE %s (%s) SERVICE_UNAVAILABLE', (sqlState, message) => {
    expect(classifyError(serverError(sqlState, message))).toEqual(unavailable);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EAI_AGAIN'])(
    'should answer the socket error %s SERVICE_UNAVAILABLE',
    (code) => {
      expect(classifyError(socketError(code))).toEqual(unavailable);
    },
  );

  it.each([
    'timeout exceeded when trying to connect',
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'Query read timeout',
    'Client has encountered a connection error and is not queryable',
    'Cannot use a pool after calling end on the pool',
  ])('should answer node-postgres\'s "%s" SERVICE_UNAVAILABLE', (message) => {
    expect(classifyError(new Error(message))).toEqual(unavailable);
  });

  it("should not take a client's aborted request (ECONNRESET without a syscall) for the database", () => {
    const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    expect(classifyError(aborted).code).not.toBe('SERVICE_UNAVAILABLE');
  });

  it('should look through causes and the attempts of an AggregateError', () => {
    const refusedTwice = new AggregateError([
      socketError('ECONNREFUSED'),
      socketError('ECONNREFUSED'),
    ]);
    expect(classifyError(refusedTwice)).toEqual(unavailable);
    expect(classifyError(new Error('wrapped', { cause: serverError('57P01') }))).toEqual(
      unavailable,
    );
    expect(
      classifyError(
        Object.assign(new Error('QueryFailedError'), { driverError: serverError('57014') }),
      ),
    ).toEqual(unavailable);
  });

  it('should keep a bug a 500: constraint violations, syntax errors, unknown errors', () => {
    for (const error of [
      serverError('23505', 'duplicate key value violates unique constraint'),
      serverError('42601', 'syntax error at or near "SELEC"'),
      serverError('28P01', 'password authentication failed for user "wxlogin"'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      'a thrown string',
    ]) {
      expect(classifyError(error)).toEqual({ code: 'INTERNAL_ERROR', isUnexpected: true });
    }
  });

  it("should keep an ApiError's own code even when its cause is a lost connection", () => {
    const error = new ApiError('WX_UNAVAILABLE', 'WeChat timed out', {
      cause: socketError('ECONNRESET'),
    });
    expect(classifyError(error)).toMatchObject({ code: 'WX_UNAVAILABLE', isUnexpected: false });
  });

  it("should map Fastify's own 4xx errors by status, a timeout to REQUEST_TIMEOUT", () => {
    const withStatus = (statusCode: number) => Object.assign(new Error('fastify'), { statusCode });
    expect(classifyError(withStatus(400)).code).toBe('VALIDATION_FAILED');
    expect(classifyError(withStatus(414)).code).toBe('VALIDATION_FAILED');
    expect(classifyError(withStatus(408)).code).toBe('REQUEST_TIMEOUT');
    expect(classifyError(new BadRequestException()).code).toBe('VALIDATION_FAILED');
  });
});

describe('errorHeaders', () => {
  it('should ask for a retry after a few seconds on 503s and a minute on 429s, never cache', () => {
    expect(errorHeaders('SERVICE_UNAVAILABLE')).toEqual({
      'cache-control': 'no-store',
      'retry-after': '2',
    });
    expect(errorHeaders('WX_UNAVAILABLE')['retry-after']).toBe('2');
    expect(errorHeaders('RATE_LIMITED')['retry-after']).toBe('60');
    expect(errorHeaders('VALIDATION_FAILED')).toEqual({ 'cache-control': 'no-store' });
  });
});

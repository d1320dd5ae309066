import { ErrorEnvelope, isErrorEnvelope } from './error-envelope.schema';
import { issuesOf } from './issues.testing';

const envelope = {
  error: {
    code: 'SESSION_KEY_STALE',
    message: '登录状态已更新，请重新授权',
    requestId: 'req-7f3a',
    retryable: false,
  },
};

describe('ErrorEnvelope', () => {
  it('should accept an API error answer', () => {
    expect(ErrorEnvelope.parse(envelope)).toEqual(envelope);
  });

  it.each([
    [
      'an unknown code',
      { error: { ...envelope.error, code: 'TEAPOT' } },
      ['error.code:invalid_value'],
    ],
    [
      'a missing requestId',
      { error: { ...envelope.error, requestId: undefined } },
      ['error.requestId:invalid_type'],
    ],
    [
      'retryable as a string',
      { error: { ...envelope.error, retryable: 'no' } },
      ['error.retryable:invalid_type'],
    ],
    ['a flat error', envelope.error, ['error:invalid_type']],
  ])('should reject %s', (_label, input, expected) => {
    expect(issuesOf(ErrorEnvelope, input)).toEqual(expected);
  });
});

describe('isErrorEnvelope', () => {
  it('should recognise an error answer', () => {
    expect(isErrorEnvelope(envelope)).toBe(true);
  });

  it.each([
    ['a success body', { user: {} }],
    ['a gateway HTML page', '<html>502 Bad Gateway</html>'],
    ['an empty body', undefined],
    ['null', null],
    ['an error with an unknown code', { error: { ...envelope.error, code: 'TEAPOT' } }],
  ])('should say no to %s', (_label, body) => {
    expect(isErrorEnvelope(body)).toBe(false);
  });
});

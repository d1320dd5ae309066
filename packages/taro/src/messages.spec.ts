import { type ClientAction, ERROR_CATALOGUE, ERROR_CODES } from '@wxlogin/contracts';
import {
  ApiError,
  NetworkError,
  UnexpectedResponseError,
  UnsupportedClientError,
} from './errors.js';
import { NO_ANSWER_MESSAGE, signInFailureOf } from './messages.js';

describe('signInFailureOf', () => {
  it.each([
    new NetworkError('request:fail timeout'),
    new UnexpectedResponseError(502, 'no envelope'),
  ])('should offer the "cannot reach the server" card only when no answer came (%s)', (error) => {
    expect(signInFailureOf(error)).toEqual({
      message: NO_ANSWER_MESSAGE,
      answered: false,
      canRetry: true,
    });
  });

  const retryByAction: Record<ClientAction, boolean> = {
    'show-message': false,
    'retry-later': true,
    'login-again': true,
    'login-again-then-retap': true,
    retap: true,
    'renew-session': true,
  };

  it.each(ERROR_CODES)(
    'should show the catalogue message of %s, retrying as its action says',
    (code) => {
      const { status, message, clientAction } = ERROR_CATALOGUE[code];

      expect(signInFailureOf(new ApiError(code, status, 'req-1'))).toEqual({
        message,
        answered: true,
        canRetry: retryByAction[clientAction],
      });
    },
  );

  it('should name a blocked account without a retry, and a busy WeChat with one', () => {
    expect(signInFailureOf(new ApiError('WX_USER_BLOCKED', 403, 'r'))).toMatchObject({
      message: '该微信账号暂时无法登录',
      canRetry: false,
    });
    expect(signInFailureOf(new ApiError('WX_UNAVAILABLE', 503, 'r'))).toMatchObject({
      message: '微信服务繁忙，请稍后再试',
      canRetry: true,
    });
  });

  it('should refuse 企业微信 and other clients for good, saying where to open the app', () => {
    expect(signInFailureOf(new UnsupportedClientError('wxwork'))).toEqual({
      message: '企业微信中暂不支持登录，请在微信中打开本小程序',
      answered: true,
      canRetry: false,
    });
    expect(signInFailureOf(new UnsupportedClientError('unsupported')).message).toBe(
      '请在微信中打开本小程序',
    );
  });
});

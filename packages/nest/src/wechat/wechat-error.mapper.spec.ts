import { ApiError } from '../common/api-error';
import { wechatFailureToApiError, type WechatCall } from './wechat-error.mapper';
import { WechatApiError, WechatTransportError } from './wechat.errors';

const codeOf = (call: WechatCall, error: unknown) => wechatFailureToApiError(call, error).code;
const wx = (errcode: number) => new WechatApiError('/p', errcode, 'msg');

describe('wechatFailureToApiError', () => {
  it.each([
    ['code2session', -1, 'WX_UNAVAILABLE'],
    ['code2session', 40029, 'WX_CODE_INVALID'],
    ['code2session', 40163, 'WX_CODE_USED'],
    ['code2session', 40226, 'WX_USER_BLOCKED'],
    ['code2session', 45011, 'WX_RATE_LIMITED'],
    ['phone', 40029, 'WX_PHONE_CODE_INVALID'],
    ['phone', 40163, 'WX_PHONE_CODE_INVALID'],
    ['phone', 45011, 'WX_RATE_LIMITED'],
    ['token', 45009, 'WX_RATE_LIMITED'],
    ['code2session', 99999, 'WX_UNAVAILABLE'],
    // A token rejected again after our own refresh: temporary, never a configuration error.
    ['phone', 40001, 'WX_UNAVAILABLE'],
    ['phone', 40014, 'WX_UNAVAILABLE'],
    ['phone', 42001, 'WX_UNAVAILABLE'],
  ] as const)('should map %s errcode %d to %s', (call, errcode, expected) => {
    expect(codeOf(call, wx(errcode))).toBe(expected);
  });

  it.each([40013, 40125, 40164, 40243, 41002, 41004, 40002])(
    'should answer configuration errcode %d as INTERNAL_ERROR, keeping the errcode for the log only',
    (errcode) => {
      const error = wechatFailureToApiError('code2session', wx(errcode));
      expect(error.code).toBe('INTERNAL_ERROR');
      expect(error.isDetailPublic).toBe(false);
      expect(error.message).toContain(String(errcode));
    },
  );

  it('should answer a timeout or connection failure as WX_UNAVAILABLE', () => {
    expect(codeOf('code2session', new WechatTransportError('/p', 'timed out'))).toBe(
      'WX_UNAVAILABLE',
    );
  });

  it('should pass an ApiError through and treat anything else as INTERNAL_ERROR', () => {
    const api = new ApiError('UNKNOWN_APP');
    expect(wechatFailureToApiError('phone', api)).toBe(api);
    expect(codeOf('phone', new TypeError('bug'))).toBe('INTERNAL_ERROR');
  });
});

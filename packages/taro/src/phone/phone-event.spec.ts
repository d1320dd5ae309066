import { readPhoneEvent } from './phone-event.js';

describe('readPhoneEvent', () => {
  it('should prefer the phone code when the base library sends both shapes', () => {
    expect(
      readPhoneEvent({
        errMsg: 'getPhoneNumber:ok',
        code: 'c0de',
        encryptedData: 'ZW5j',
        iv: 'aXY=',
      }),
    ).toEqual({ kind: 'proof', proof: { code: 'c0de' } });
  });

  it('should fall back to encryptedData and iv from base libraries before 2.21.2', () => {
    expect(
      readPhoneEvent({ errMsg: 'getPhoneNumber:ok', encryptedData: 'ZW5j', iv: 'aXY=' }),
    ).toEqual({ kind: 'proof', proof: { encryptedData: 'ZW5j', iv: 'aXY=' } });
  });

  it.each([
    'getPhoneNumber:fail user deny',
    'getPhoneNumber:fail:user deny',
    'getPhoneNumber:fail user cancel',
  ])('should read %s as a refusal', (errMsg) => {
    expect(readPhoneEvent({ errMsg })).toEqual({ kind: 'denied' });
  });

  it('should recognise the exhausted phone-number quota by errno 1400001', () => {
    expect(readPhoneEvent({ errMsg: 'getPhoneNumber:fail no quota', errno: 1400001 })).toEqual({
      kind: 'quota-exhausted',
    });
  });

  it.each([
    { errMsg: 'getPhoneNumber:fail privacy permission is not authorized', errno: 104 },
    { errMsg: 'getPhoneNumber:fail privacy permission is not authorized' },
  ])('should ask for privacy consent on errno 104 ($errMsg)', (detail) => {
    expect(readPhoneEvent(detail)).toEqual({ kind: 'privacy-required' });
  });

  it.each([
    {
      errMsg: 'getPhoneNumber:fail api scope is not declared in the privacy agreement',
      errno: 112,
    },
    { errMsg: 'getPhoneNumber:fail api scope is not declared in the privacy agreement' },
  ])('should read errno 112 as an undeclared ability, not as missing consent', (detail) => {
    expect(readPhoneEvent(detail)).toEqual({ kind: 'privacy-undeclared' });
  });

  it('should read "no permission" (unverified or personal app) as its own case', () => {
    expect(readPhoneEvent({ errMsg: 'getPhoneNumber:fail no permission' })).toEqual({
      kind: 'no-permission',
    });
  });

  it('should report other failures and an ok event without any proof as failed', () => {
    expect(readPhoneEvent({ errMsg: 'getPhoneNumber:fail system error' })).toEqual({
      kind: 'failed',
      errMsg: 'getPhoneNumber:fail system error',
    });
    expect(readPhoneEvent({ errMsg: 'getPhoneNumber:ok' })).toEqual({
      kind: 'failed',
      errMsg: 'getPhoneNumber:ok',
    });
  });
});

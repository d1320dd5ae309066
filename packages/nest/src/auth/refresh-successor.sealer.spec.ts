import type { WxLoginSettings } from '../options/wxlogin-options';
import { RefreshSuccessorSealer, type RefreshSuccessor } from './refresh-successor.sealer';

const sealerWith = (byte: number) =>
  new RefreshSuccessorSealer({
    sessionKeyEncryptionKey: Buffer.alloc(32, byte),
  } as WxLoginSettings);
const SUCCESSOR: RefreshSuccessor = {
  accessToken: 'header.payload.signature',
  refreshToken: 'next-refresh-token-value',
  accessTokenExpiresAt: 1_800_000_000_000,
};
const SESSION = '6f0c1f9e-3a57-4e8b-9d1c-2b7a5e4f3c21';

describe('RefreshSuccessorSealer', () => {
  it('should open a successor with the presented token and session, and never contain it in clear', () => {
    const sealer = sealerWith(1);
    const sealed = sealer.seal(SUCCESSOR, 'presented', SESSION);
    expect(sealed.includes(Buffer.from(SUCCESSOR.refreshToken))).toBe(false);
    expect(sealed.includes(Buffer.from(SUCCESSOR.accessToken))).toBe(false);
    expect(sealer.open(sealed, 'presented', SESSION)).toEqual(SUCCESSOR);
  });

  it('should not open for another presented token, another session or another server key', () => {
    const sealed = sealerWith(1).seal(SUCCESSOR, 'presented', SESSION);
    expect(sealerWith(1).open(sealed, 'other', SESSION)).toBeUndefined();
    expect(
      sealerWith(1).open(sealed, 'presented', '00000000-0000-4000-8000-000000000000'),
    ).toBeUndefined();
    expect(sealerWith(2).open(sealed, 'presented', SESSION)).toBeUndefined();
  });
});

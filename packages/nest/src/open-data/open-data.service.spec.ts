import {
  decryptPhoneNumber,
  type EncryptedOpenData,
  encryptOpenData,
  generateSessionKey,
} from '@wxlogin/wxcrypto';
import { silentLogger } from '../../test/support/silent-logger';
import type { WxLoginSettings } from '../options/wxlogin-options';
import type { UsersRepository, UserWechatState } from '../users/users.repository';
import type { SessionKeyStatus, WechatService } from '../wechat/wechat.service';
import type { WxAppRegistry } from '../wechat/wx-app.registry';
import { OpenDataService } from './open-data.service';
import { SessionKeyVault } from './session-key.vault';

const APP = { appId: 'wx5f3c9a2b7d1e4c60', secret: 's' };
const OWNER = { appId: APP.appId, openid: 'oUser' };
const config = {
  sessionKeyEncryptionKey: Buffer.alloc(32, 9),
  sessionKeyGraceSeconds: 300,
} as WxLoginSettings;
const vault = new SessionKeyVault(config);

function phoneData(sessionKey: string, appid = APP.appId) {
  return encryptOpenData({
    sessionKey,
    payload: {
      phoneNumber: '13800000001',
      purePhoneNumber: '13800000001',
      countryCode: '86',
      watermark: { appid, timestamp: 1 },
    },
  });
}

/** The legacy phone payload of `data`, as the phone feature decrypts it. */
const phoneIn = (data: EncryptedOpenData) => (sessionKey: string, appId: string) =>
  decryptPhoneNumber({ sessionKey, ...data, appId });

/** The service with its side effects faked: stored keys, and WeChat's checksession verdict. */
function serviceWith(
  state: Partial<UserWechatState> & { sessionKeyEnc: Buffer },
  verdict: SessionKeyStatus,
) {
  const users = {
    findWechatStateById: jest.fn().mockResolvedValue({
      ...OWNER,
      previousSessionKeyEnc: null,
      sessionKeyRotatedAt: new Date(),
      ...state,
    }),
  } as unknown as UsersRepository;
  const checkSessionKey = jest.fn().mockResolvedValue(verdict);
  const wechat = { checkSessionKey } as unknown as WechatService;
  const apps = { resolve: () => APP } as unknown as WxAppRegistry;
  return {
    service: new OpenDataService(users, vault, wechat, apps, config, silentLogger),
    checkSessionKey,
  };
}

describe('OpenDataService', () => {
  const current = generateSessionKey();
  const previous = generateSessionKey();
  const older = generateSessionKey();

  it('should decrypt with the current key without asking WeChat', async () => {
    const { service, checkSessionKey } = serviceWith(
      { sessionKeyEnc: vault.seal(current, OWNER) },
      'valid',
    );
    await expect(service.decryptForUser('u', phoneIn(phoneData(current)))).resolves.toMatchObject({
      phoneNumber: '13800000001',
    });
    expect(checkSessionKey).not.toHaveBeenCalled();
  });

  it('should fall back to the previous key within the grace window, and not after it', async () => {
    const state = {
      sessionKeyEnc: vault.seal(current, OWNER),
      previousSessionKeyEnc: vault.seal(previous, OWNER),
    };
    const fresh = serviceWith({ ...state, sessionKeyRotatedAt: new Date() }, 'valid');
    await expect(
      fresh.service.decryptForUser('u', phoneIn(phoneData(previous))),
    ).resolves.toMatchObject({
      countryCode: '86',
    });
    const expired = serviceWith(
      { ...state, sessionKeyRotatedAt: new Date(Date.now() - 301_000) },
      'valid',
    );
    await expect(
      expired.service.decryptForUser('u', phoneIn(phoneData(previous))),
    ).rejects.toMatchObject({
      code: 'OPEN_DATA_INVALID',
    });
  });

  it.each([
    ['invalid', 'SESSION_KEY_STALE'],
    ['unknown', 'SESSION_KEY_STALE'],
    ['valid', 'OPEN_DATA_INVALID'],
  ] as const)('should let checksession decide when no key fits: %s ⇒ %s', async (verdict, code) => {
    const { service, checkSessionKey } = serviceWith(
      { sessionKeyEnc: vault.seal(current, OWNER) },
      verdict,
    );
    await expect(service.decryptForUser('u', phoneIn(phoneData(older)))).rejects.toMatchObject({
      code,
    });
    expect(checkSessionKey).toHaveBeenCalledWith(APP, OWNER.openid, current);
  });

  it('should answer WATERMARK_MISMATCH for data of another app and VALIDATION_FAILED for a bad iv', async () => {
    const { service } = serviceWith({ sessionKeyEnc: vault.seal(current, OWNER) }, 'valid');
    await expect(
      service.decryptForUser('u', phoneIn(phoneData(current, 'wx0000000000000009'))),
    ).rejects.toMatchObject({
      code: 'WATERMARK_MISMATCH',
    });
    const data = phoneData(current);
    await expect(
      service.decryptForUser('u', phoneIn({ ...data, iv: 'AAAA' })),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

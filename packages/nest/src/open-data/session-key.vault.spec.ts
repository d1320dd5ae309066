import type { WxLoginSettings } from '../options/wxlogin-options';
import { SessionKeyVault } from './session-key.vault';

const vaultWith = (byte: number) =>
  new SessionKeyVault({ sessionKeyEncryptionKey: Buffer.alloc(32, byte) } as WxLoginSettings);
const OWNER = { appId: 'wx5f3c9a2b7d1e4c60', openid: 'oUser' };
const KEY = 'tiihtNczf5v6AKRyjwEUhQ==';

describe('SessionKeyVault', () => {
  it('should seal a session key so that it opens for its owner and does not contain it', () => {
    const vault = vaultWith(1);
    const sealed = vault.seal(KEY, OWNER);
    expect(sealed.includes(Buffer.from(KEY))).toBe(false);
    expect(sealed.includes(Buffer.from(KEY, 'base64'))).toBe(false);
    expect(vault.open(sealed, OWNER)).toBe(KEY);
    expect(vault.seal(KEY, OWNER).equals(sealed)).toBe(false); // random IV
  });

  it('should refuse to open a key sealed for another user or under another server key', () => {
    const sealed = vaultWith(1).seal(KEY, OWNER);
    expect(() => vaultWith(1).open(sealed, { ...OWNER, openid: 'oOther' })).toThrow();
    expect(() => vaultWith(2).open(sealed, OWNER)).toThrow();
  });

  it('should fingerprint equal keys equally and different keys differently', () => {
    const vault = vaultWith(1);
    expect(vault.fingerprint(KEY).equals(vault.fingerprint(KEY))).toBe(true);
    expect(vault.fingerprint(KEY).equals(vault.fingerprint('HyVFkGl5F5OQWJZZaNzBBg=='))).toBe(
      false,
    );
  });
});

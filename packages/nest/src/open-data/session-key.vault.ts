import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectSettings, type WxLoginSettings } from '../options/wxlogin-options';
import { open, seal } from '../common/aead';

/**
 * Encrypts WeChat session keys at rest with AES-256-GCM under `sessionKeyEncryptionKey`. The
 * user's (appId, openid) is bound in as associated data, so a ciphertext copied onto another
 * user's row does not decrypt. Stored layout: iv (12) ‖ tag (16) ‖ ciphertext.
 */
@Injectable()
export class SessionKeyVault {
  private readonly key: Buffer;
  private readonly fingerprintKey: Buffer;

  constructor(@InjectSettings() settings: WxLoginSettings) {
    this.key = settings.sessionKeyEncryptionKey;
    // A separate key for fingerprints, derived so that one config value is enough.
    this.fingerprintKey = createHmac('sha256', this.key).update('session-key-fingerprint').digest();
  }

  seal(sessionKey: string, owner: { appId: string; openid: string }): Buffer {
    return seal(this.key, sessionKey, `${owner.appId}\0${owner.openid}`);
  }

  /** @throws when the ciphertext was not sealed for this owner with this key */
  open(sealed: Buffer, owner: { appId: string; openid: string }): string {
    return open(this.key, sealed, `${owner.appId}\0${owner.openid}`);
  }

  /** Tells "WeChat gave the same key again" apart from a rotation, without decrypting. */
  fingerprint(sessionKey: string): Buffer {
    return createHmac('sha256', this.fingerprintKey).update(sessionKey).digest().subarray(0, 16);
  }
}

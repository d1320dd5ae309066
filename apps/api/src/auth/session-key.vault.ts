import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { secureRandomBytes } from '../common/secure-random';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts WeChat session keys at rest with AES-256-GCM under SESSION_KEY_ENCRYPTION_KEY. The
 * user's (appId, openid) is bound in as associated data, so a ciphertext copied onto another
 * user's row does not decrypt. Stored layout: iv (12) ‖ tag (16) ‖ ciphertext.
 */
@Injectable()
export class SessionKeyVault {
  private readonly key: Buffer;
  private readonly fingerprintKey: Buffer;

  constructor(@InjectConfig() config: AppConfig) {
    this.key = config.sessionKeyEncryptionKey;
    // A separate key for fingerprints, derived so that one config value is enough.
    this.fingerprintKey = createHmac('sha256', this.key).update('session-key-fingerprint').digest();
  }

  seal(sessionKey: string, owner: { appId: string; openid: string }): Buffer {
    const iv = secureRandomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(`${owner.appId}\0${owner.openid}`));
    const ciphertext = Buffer.concat([cipher.update(sessionKey, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  /** @throws when the ciphertext was not sealed for this owner with this key */
  open(sealed: Buffer, owner: { appId: string; openid: string }): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, IV_BYTES));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    decipher.setAAD(Buffer.from(`${owner.appId}\0${owner.openid}`));
    return Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }

  /** Tells "WeChat gave the same key again" apart from a rotation, without decrypting. */
  fingerprint(sessionKey: string): Buffer {
    return createHmac('sha256', this.fingerprintKey).update(sessionKey).digest().subarray(0, 16);
  }
}

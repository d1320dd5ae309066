import { createCipheriv, createDecipheriv } from 'node:crypto';
import { secureRandomBytes } from './secure-random';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a random 12-byte IV and `associatedData` bound in. Layout of the result:
 * iv (12) ‖ tag (16) ‖ ciphertext. Every value the module keeps sealed uses this one layout.
 */
export function seal(key: Buffer, plaintext: string, associatedData: string): Buffer {
  const iv = secureRandomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

/** @throws when `sealed` was not sealed with this key and associated data, or was altered */
export function open(key: Buffer, sealed: Buffer, associatedData: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  decipher.setAAD(Buffer.from(associatedData));
  return Buffer.concat([
    decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
}

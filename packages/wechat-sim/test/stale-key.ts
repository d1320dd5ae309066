import { DecryptionFailedError, MalformedPlaintextError } from '@wxlogin/wxcrypto';

/**
 * Asserts the "stale session_key" symptom. Data decrypted with a key other than the one it was
 * encrypted with fails in AES-CBC unpadding (DecryptionFailedError) or, about once in 256,
 * unpads to garbage that is not JSON (MalformedPlaintextError); both are typed wxcrypto errors.
 */
export function expectStaleKeyFailure(decrypt: () => unknown): void {
  let thrown: unknown;
  try {
    decrypt();
  } catch (error) {
    thrown = error;
  }
  expect(thrown instanceof DecryptionFailedError || thrown instanceof MalformedPlaintextError).toBe(
    true,
  );
}

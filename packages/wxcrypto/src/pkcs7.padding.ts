/**
 * Strips PKCS#7 padding (RFC 5652 §6.3) from decrypted CBC plaintext, checking every padding byte
 * as OpenSSL's `EVP_DecryptFinal_ex` does: the last byte `n` must be 1..`blockBytes` and the last
 * `n` bytes must all be `n`. Doing it here lets the decipher run without auto-padding, so that
 * `update()` returns the whole plaintext and neither `final()` nor a `Buffer.concat` copy is needed.
 *
 * @returns the plaintext without its padding (a view, no copy), or `undefined` when the padding is
 * invalid (also for empty input)
 */
export function stripPkcs7Padding(padded: Buffer, blockBytes: number): Buffer | undefined {
  const { length } = padded;
  const padding = padded[length - 1] ?? 0;
  if (padding === 0 || padding > blockBytes || padding > length) {
    return undefined;
  }
  for (let index = length - padding; index < length - 1; index += 1) {
    if (padded[index] !== padding) {
      return undefined;
    }
  }
  return padded.subarray(0, length - padding);
}

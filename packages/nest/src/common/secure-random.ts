import { randomBytes, randomFillSync } from 'node:crypto';

/** Refilled from the CSPRNG this many bytes at a time (Node's randomUUID pools the same way). */
const POOL_BYTES = 4096;

const pool = Buffer.alloc(POOL_BYTES);
let taken = POOL_BYTES;

/**
 * `size` cryptographically secure random bytes, like `crypto.randomBytes(size)`, but drawn from
 * a pool refilled by `randomFillSync`, cheaper per call on the login (docs/performance.md). Every
 * byte is handed out once and zeroed in the pool as it leaves. Requests larger than a quarter of
 * the pool bypass it.
 */
export function secureRandomBytes(size: number): Buffer {
  if (size > POOL_BYTES / 4) return randomBytes(size);
  if (taken + size > POOL_BYTES) {
    randomFillSync(pool);
    taken = 0;
  }
  const bytes = Buffer.from(pool.subarray(taken, taken + size));
  pool.fill(0, taken, taken + size);
  taken += size;
  return bytes;
}

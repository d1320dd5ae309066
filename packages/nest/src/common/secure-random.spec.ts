import { secureRandomBytes } from './secure-random';

describe('secureRandomBytes', () => {
  it('should return buffers of the requested size that never repeat, across pool refills', () => {
    const seen = new Set<string>();
    // 32 × 1000 bytes: several refills of the 4 KiB pool.
    for (let i = 0; i < 1000; i++) {
      const bytes = secureRandomBytes(32);
      expect(bytes).toHaveLength(32);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(1000);
  });

  it('should hand out copies that later draws do not overwrite', () => {
    const first = secureRandomBytes(12);
    const snapshot = Buffer.from(first);
    for (let i = 0; i < 500; i++) secureRandomBytes(12);
    expect(first.equals(snapshot)).toBe(true);
  });

  it('should serve large requests too', () => {
    const bytes = secureRandomBytes(8192);
    expect(bytes).toHaveLength(8192);
    expect(bytes.equals(Buffer.alloc(8192))).toBe(false);
  });
});

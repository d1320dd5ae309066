import { compareVersions } from './version';

describe('compareVersions', () => {
  it('should compare each part numerically, not as text', () => {
    expect(compareVersions('2.32.3', '2.9.0')).toBeGreaterThan(0);
    expect(compareVersions('2.21.2', '2.32.3')).toBeLessThan(0);
  });

  it('should treat missing parts as zero', () => {
    expect(compareVersions('2.32', '2.32.0')).toBe(0);
  });
});

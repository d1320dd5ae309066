/**
 * Compares dotted version strings numerically (`2.32.3` vs `2.9.0`): negative when `a` is older,
 * zero when equal, positive when newer. Missing parts count as 0.
 */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

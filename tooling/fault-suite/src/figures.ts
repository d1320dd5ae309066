/** The p-th percentile (0–100) of `values`, nearest rank; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** `{ "200": 12, "503": 40 }` as `200×12 503×40`. */
export function formatCounts(counts: ReadonlyMap<string | number, number>): string {
  return [...counts]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([key, count]) => `${key}×${count}`)
    .join(' ');
}

export function countBy<T>(items: readonly T[], key: (item: T) => string | number) {
  const counts = new Map<string | number, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

export function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} ms` : '–';
}

/** Prints a scenario's figures as an indented block (straight to stdout, not through Jest's console). */
export function printFigures(title: string, lines: Record<string, string | number>): void {
  const width = Math.max(...Object.keys(lines).map((name) => name.length));
  const body = Object.entries(lines)
    .map(([name, value]) => `  ${name.padEnd(width)}  ${value}`)
    .join('\n');
  process.stdout.write(`\n${title}\n${body}\n`);
}

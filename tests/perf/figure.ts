/** One measured figure of `npm run bench`, and the statistics the benchmarks use. */
export interface Figure {
  id: string;
  label: string;
  value: number;
  unit: string;
  target: string | null;
  met: boolean | null;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

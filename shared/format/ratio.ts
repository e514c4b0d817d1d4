/** Exact ratios (thresholds, quorum fractions) and how they are written on paper. */
export interface Ratio {
  numerator: number;
  denominator: number;
}

export type Comparison = '>' | '>=' | '<' | '<=';

export const COMPARISON_SYMBOL: Record<Comparison, string> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' };

/** 90/100 reads as 90%; anything else as a fraction (2/3). */
export function formatThreshold(threshold: Ratio): string {
  if (threshold.denominator === 100) return `${threshold.numerator}%`;
  return `${threshold.numerator}/${threshold.denominator}`;
}

/** Exactly one half, however it is written (1/2, 50%, 2/4). */
export function isOneHalf(threshold: Ratio): boolean {
  return threshold.numerator * 2 === threshold.denominator;
}

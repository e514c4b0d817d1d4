/** Thresholds are exact fractions so that "exactly 2/3" and "exactly 95%" compare exactly. */
export interface Fraction {
  numerator: number;
  denominator: number;
}

export type Comparison = '>' | '>=' | '<' | '<=';

export function fraction(numerator: number, denominator: number): Fraction {
  return { numerator, denominator };
}

/** Does left (comparison) right hold? For plain and big integers alike. */
export function holds<T extends number | bigint>(left: T, comparison: Comparison, right: T): boolean {
  switch (comparison) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
  }
}

/** Is count/total (comparison) threshold? Cross-multiplied in integers, never divided. */
export function compareRatio(count: number, total: number, comparison: Comparison, threshold: Fraction): boolean {
  return holds(count * threshold.denominator, comparison, threshold.numerator * total);
}

export const COMPARISON_SYMBOL: Record<Comparison, string> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' };

/** 90/100 reads as 90%; anything else as a fraction (2/3). */
export function formatThreshold(threshold: Fraction): string {
  if (threshold.denominator === 100) return `${threshold.numerator}%`;
  return `${threshold.numerator}/${threshold.denominator}`;
}

/** Parses "2/3", ">1/2", "≥2/3", ">=4/5", "90%"; the comparison defaults to the given one. */
export function parseFractionRule(
  text: string,
  defaultComparison: Comparison,
): { comparison: Comparison; threshold: Fraction } | null {
  const match = /^\s*(>=|≥|>|<=|≤|<)?\s*(\d+)\s*(?:\/\s*(\d+)|(%))\s*$/.exec(text);
  if (!match) return null;
  const symbol = match[1];
  const comparison: Comparison =
    symbol === undefined ? defaultComparison : symbol === '≥' ? '>=' : symbol === '≤' ? '<=' : (symbol as Comparison);
  const numerator = Number(match[2]);
  const denominator = match[4] === '%' ? 100 : Number(match[3]);
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) return null;
  return { comparison, threshold: { numerator, denominator } };
}

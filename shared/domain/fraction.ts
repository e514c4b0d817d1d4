/** Thresholds are exact fractions so that "exactly 2/3" and "exactly 95%" compare exactly. */
import type { Comparison, Ratio } from '../format/ratio';

export type { Comparison } from '../format/ratio';
export { COMPARISON_SYMBOL, formatThreshold } from '../format/ratio';
export type Fraction = Ratio;

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

/** Rates are stored as exact counts; these helpers round only for display, to two decimals of a percent. */

/**
 * numerator/denominator as a percent with two decimals, rounded half up on the exact quotient
 * (integer arithmetic, so 2/3 is 66.67% and 1/8 is 12.50% on every machine). Empty when the denominator is 0.
 */
export function formatPercent(numerator: number, denominator: number): string {
  if (denominator <= 0) return '—';
  // basis points of a percent ×2 so that the half-up step stays an integer operation
  const hundredthsOfPercent = Math.floor((numerator * 20000 + denominator) / (2 * denominator));
  const whole = Math.floor(hundredthsOfPercent / 100);
  const fraction = hundredthsOfPercent % 100;
  return `${whole}.${String(fraction).padStart(2, '0')}%`;
}

/**
 * A rate kept as its quotient (the roll-up keeps rates as numbers, not counts) as a percent with two
 * decimals, rounded half up. The epsilon only undoes binary representation: for denominators up to
 * 10,000,000 a true quotient lies at least 5e-8 hundredths of a percent from a rounding boundary,
 * so this gives what formatPercent gives on the counts.
 */
export function formatRate(value: number): string {
  return `${(Math.floor(value * 10000 + 0.5 + 1e-9) / 100).toFixed(2)}%`;
}

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

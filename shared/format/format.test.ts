import { describe, expect, it } from 'vitest';
import { formatPercent } from './percent';
import { normalizeCellValue, normalizeName, toHalfWidthDigits } from './text';
import { columnWidthFor, displayWidth } from './width';

describe('percent display', () => {
  it('rounds half up to two decimals of a percent on the exact quotient', () => {
    expect(formatPercent(2, 3)).toBe('66.67%');
    expect(formatPercent(1, 8)).toBe('12.50%');
    expect(formatPercent(1, 3)).toBe('33.33%');
    expect(formatPercent(19, 20)).toBe('95.00%');
    expect(formatPercent(1, 80000)).toBe('0.00%');
    expect(formatPercent(1, 40000)).toBe('0.00%'); // 0.0025% rounds to 0.00%
    expect(formatPercent(1, 20000)).toBe('0.01%'); // 0.005% rounds half up
    expect(formatPercent(7, 7)).toBe('100.00%');
    expect(formatPercent(0, 0)).toBe('—');
  });
});

describe('text normalisation', () => {
  it('makes full-width digits half-width', () => {
    expect(toHalfWidthDigits('１２３abc４')).toBe('123abc4');
  });
  it('trims half- and full-width spaces and normalises to NFC', () => {
    expect(normalizeName('\u3000 王\u3000五 \u3000')).toBe('王\u3000五');
    expect(normalizeName('Jose\u0301')).toBe('Jos\u00e9');
    expect(normalizeCellValue(' ３ ')).toBe('3');
    expect(normalizeName('\t张\r\n三\r')).toBe('张 三');
  });
});

describe('display width', () => {
  it('counts Chinese characters, including those outside the BMP, as two columns', () => {
    expect(displayWidth('ab')).toBe(2);
    expect(displayWidth('张三')).toBe(4);
    expect(displayWidth('𠀾䶮')).toBe(4);
    expect(columnWidthFor(['张三丰', 'a'], { padding: 2, min: 1 })).toBe(8);
  });
});

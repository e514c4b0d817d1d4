/** A cell as a person reads it: every shape a producer writes, numbers to Excel's precision. */
import { describe, expect, it } from 'vitest';
import { cellContent, sameContent, sameNumber } from './cell-content';

describe('cell content', () => {
  it('reads plain, rich, inline and linked text alike, with line breaks as line breaks', () => {
    const plain = cellContent('推荐\n人选');
    expect(cellContent({ richText: [{ text: '推荐', font: { name: 'Calibri' } }, { text: '\r\n人选', font: { name: 'Noto Sans CJK SC' } }] })).toEqual(plain);
    expect(cellContent({ text: '推荐\r人选', hyperlink: 'https://example.invalid' })).toEqual(plain);
    expect(cellContent({ richText: [] }).kind).toBe('empty');
    expect(cellContent('').kind).toBe('empty');
    expect(cellContent(null).kind).toBe('empty');
  });

  it('keeps kinds apart: the number 1, the text “1”, a formula, an error', () => {
    expect(sameContent(cellContent(1), cellContent('1'))).toBe(false);
    expect(cellContent({ formula: 'A1+1', result: 2 })).toEqual({ kind: 'formula', text: '=A1+1' });
    expect(cellContent({ error: '#REF!' })).toEqual({ kind: 'error', text: '#REF!' });
    expect(cellContent(true).kind).toBe('boolean');
  });

  it('takes numbers as equal to 15 significant digits, as another program writes them back', () => {
    // openpyxl writes 16 digits: 1/6 and 5/11 come back one step off in the 17th.
    expect(sameNumber(1 / 6, 0.1666666666666667)).toBe(true);
    expect(sameNumber(5 / 11, 0.4545454545454545)).toBe(true); // crosses a 15-digit rounding step, by less than a unit of the 16th
    // LibreOffice writes 15.
    expect(sameNumber(7 / 11, 0.636363636363636)).toBe(true);
    expect(sameNumber(123456789, 123456789.00000001)).toBe(true);
    // A person typing a changed figure changes a digit that shows.
    expect(sameNumber(7 / 11, 0.63636363636363)).toBe(false);
    expect(sameNumber(0.9259259259259259, 0.9259259259259249)).toBe(false);
    expect(sameNumber(54, 55)).toBe(false);
    expect(sameNumber(0, 1e-300)).toBe(false);
    expect(sameNumber(0, 0)).toBe(true);
  });
});

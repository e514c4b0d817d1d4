/**
 * What a number format does to the number a user sees. A ballot mark must read the same on screen
 * and in the file: a cell holding 1 whose format displays "不称职" would be counted as 1 (优秀) while
 * the counting table saw 不称职, so any format that shows literal words is refused as ambiguous.
 * Digit, date and time codes are fine; so are literal punctuation and spaces.
 */
export type FormatKind = 'plain' | 'date' | 'showsText';

// Built-in formats (ECMA-376 §18.8.30, and the zh-CN ones Excel writes by id): the dates among them.
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

const LETTER = /\p{L}/u;

/** The kind of a format given by id, and by its code when the workbook declares one. */
export function formatKind(numFmtId: number, code: string | undefined): FormatKind {
  if (code === undefined) return BUILT_IN_DATES.has(numFmtId) ? 'date' : 'plain';
  return kindOfCode(code);
}

export function kindOfCode(code: string): FormatKind {
  let literal = '';
  let codes = '';
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      literal += code.slice(i + 1, end === -1 ? code.length : end);
      i = end === -1 ? code.length : end;
    } else if (ch === '\\') {
      literal += code[i + 1] ?? '';
      i++;
    } else if (ch === '[') {
      // [Red], [<=100], [$-804] and [h] are not shown; [$元-804] shows its currency text.
      const end = code.indexOf(']', i + 1);
      const inside = code.slice(i + 1, end === -1 ? code.length : end);
      if (inside.startsWith('$')) literal += inside.slice(1).split('-')[0];
      else if (/^[hms]+$/i.test(inside)) codes += 'h';
      i = end === -1 ? code.length : end;
    } else if (ch === '_' || ch === '*') {
      i++; // a space the width of the next character, or a fill
    } else {
      codes += ch;
    }
  }
  const bare = codes.replace(/general/gi, '').replace(/AM\/PM|A\/P/gi, 'h');
  const isDate = /[ymdhs]/i.test(bare.replace(/E[+-]/g, ''));
  if (isDate) {
    // Date codes are letters themselves; any other bare letter is shown as it stands.
    if (LETTER.test(bare.replace(/[ymdhsbe]/gi, ''))) return 'showsText';
    return 'date';
  }
  if (LETTER.test(literal) || LETTER.test(bare.replace(/E[+-]/g, ''))) return 'showsText';
  return 'plain';
}

/** A date serial (1900 or 1904 system) as the ISO date a user would type, yyyy-mm-dd. */
export function serialToIsoDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return null;
  // Serial 60 is Excel's 29 February 1900, a day that never was; later serials are one day late.
  const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
  const ms = Date.UTC(1899, 11, 30) + Math.floor(days) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

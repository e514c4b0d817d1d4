/** Text normalisation used wherever a name or a cell value enters the app. */

const FULL_WIDTH_DIGIT_ZERO = 0xff10;

/** Full-width digits (０…９) become ASCII digits; everything else is kept. */
export function toHalfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - FULL_WIDTH_DIGIT_ZERO + 48));
}

// Half-width and full-width (U+3000) spaces, tabs, no-break spaces and the BOM that spreadsheets leave behind.
const EDGE_SPACE = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g;

/** Trims half- and full-width spaces. */
export function trimSpaces(text: string): string {
  return text.replace(EDGE_SPACE, '');
}

/**
 * A person's name as the app stores it: trimmed, on one line (a tab or line break inside becomes a
 * space) and NFC-normalised, so two spellings of one name compare equal and every file keeps it whole.
 */
export function normalizeName(text: string): string {
  return trimSpaces(text).replace(/[\t\n\v\f\r]+/g, ' ').normalize('NFC');
}

/** A cell value as the importer reads it: trimmed, NFC, full-width digits made half-width. */
export function normalizeCellValue(text: string): string {
  return toHalfWidthDigits(trimSpaces(text).normalize('NFC'));
}

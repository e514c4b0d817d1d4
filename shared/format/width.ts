/** CJK-aware display width: a Chinese character takes two columns, a Latin letter one. */

export function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) || // Hangul Jamo
    (codePoint >= 0x2460 && codePoint <= 0x24ff) || // circled numbers ①
    (codePoint >= 0x25a0 && codePoint <= 0x25ff) || // geometric shapes: the □ of a ballot
    (codePoint >= 0x2e80 && codePoint <= 0x303e) || // CJK radicals, punctuation
    (codePoint >= 0x3041 && codePoint <= 0x33ff) || // kana, CJK symbols
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) || // CJK extension A (e.g. 䶮)
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) || // CJK unified ideographs
    (codePoint >= 0xa960 && codePoint <= 0xa97f) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) || // Hangul syllables
    (codePoint >= 0xf900 && codePoint <= 0xfaff) || // CJK compatibility ideographs
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) || // full-width forms
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd) // CJK extensions B and later (e.g. 𠀾)
  );
}

/** Display width in half-width columns; iterates by code point so characters outside the BMP count once. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    width += isWide(character.codePointAt(0) ?? 0) ? 2 : 1;
  }
  return width;
}

/** A spreadsheet column width (in Excel's character units) that fits the widest of the given texts. */
export function columnWidthFor(texts: readonly string[], options: { min?: number; max?: number; padding?: number } = {}): number {
  const { min = 6, max = 60, padding = 2 } = options;
  const widest = texts.reduce((best, text) => Math.max(best, displayWidth(text)), 0);
  return Math.min(max, Math.max(min, widest + padding));
}

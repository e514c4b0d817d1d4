/**
 * Sizes on paper, for templates that lay out their own pages.
 *
 * Chromium breaks pages where content runs out of room; a template that must say "第 n 页 共 m 页",
 * or repeat a header, or keep signatures with the rows they sign, decides the breaks itself: it gives
 * every block a height in millimetres (fixed row heights, plus what wrapped text needs) and packs
 * blocks into pages with `paginate`. The estimates here are deliberately on the generous side, so
 * that a page packed by them never overflows in Chromium (Electron's printToPDF or the system
 * Chromium), whatever CJK font the machine substitutes: a CJK character is 1 em wide in every CJK
 * font, and other characters are counted wider than they are.
 */

import { textEm } from '../../../../shared/report/layout';

/** A4 portrait and the margins every print-out uses (the @page rule in document.tsx says the same). */
export const A4 = { widthMm: 210, heightMm: 297 } as const;
/**
 * Margins of 12 mm and 15 mm: wider than Chromium's default 0.4 in (10.2 mm) on every side, so the
 * printable area is never smaller than CONTENT even where a shell applied its own default margins.
 */
export const MARGIN = { topMm: 12, bottomMm: 12, sideMm: 15 } as const;
/** The printable area inside the margins. */
export const CONTENT = { widthMm: A4.widthMm - 2 * MARGIN.sideMm, heightMm: A4.heightMm - MARGIN.topMm - MARGIN.bottomMm } as const;

/** Body text size. Township offices expect at least 五号 (10.5 pt) on anything people read or fill in. */
export const BODY_PT = 11;
export const MIN_BODY_PT = 10.5;
/** Line height of body text, as a factor of its size (document.tsx sets the same). */
export const LINE_FACTOR = 1.45;

export const MM_PER_PT = 25.4 / 72;

export function ptToMm(pt: number): number {
  return pt * MM_PER_PT;
}

/** Height of one line of text of this size, in mm. */
export function lineHeightMm(pt = BODY_PT): number {
  return ptToMm(pt) * LINE_FACTOR;
}

/**
 * Estimated width of the text in em: the report layout's measure (shared/report/layout.ts), so
 * that a print-out and a report sheet count a text alike.
 */
export function textWidthEm(text: string): number {
  return textEm(text);
}

/** Estimated width of the text in mm at this size. */
export function textWidthMm(text: string, pt = BODY_PT): number {
  return textWidthEm(text) * ptToMm(pt);
}

/**
 * How many lines the text takes in a box this wide, at least 1. Text that fits the width is one
 * line; wrapped text may end a line a character early (punctuation may not start a line), so each
 * wrapped line is counted as holding one character less than fits.
 */
export function estimateLines(text: string, widthMm: number, pt = BODY_PT): number {
  const em = ptToMm(pt);
  const fits = Math.max(1, Math.floor(widthMm / em));
  const width = textWidthEm(text);
  if (width <= fits) return 1;
  return Math.ceil(width / Math.max(1, fits - 1));
}

/** One unbreakable piece of a page: a table row, a candidate's block, the signatures. */
export interface Block<T> {
  item: T;
  heightMm: number;
  /** Must stand on the same page as the block before it (signatures with the last rows they sign). */
  keepWithPrevious?: boolean;
}

/**
 * Packs blocks into pages in order: each page takes blocks while their heights fit its capacity
 * (which may differ per page: the first page of a ballot also carries its instructions). A block
 * that keeps with the previous one and does not fit takes the previous block(s) to the new page
 * with it, as long as the page it leaves keeps at least one block. A block taller than a whole page
 * stands alone on its page (Chromium then breaks inside it). Returns at least one page.
 */
export function paginate<T>(blocks: readonly Block<T>[], capacityMm: (pageIndex: number) => number): T[][] {
  const pages: Block<T>[][] = [[]];
  let used = 0;
  for (const block of blocks) {
    const page = pages[pages.length - 1]!;
    if (page.length === 0 || used + block.heightMm <= capacityMm(pages.length - 1)) {
      page.push(block);
      used += block.heightMm;
      continue;
    }
    // Start a new page; a keep-with-previous block brings the run it belongs to along.
    let moved: Block<T>[] = [];
    if (block.keepWithPrevious) {
      let start = page.length - 1;
      while (start > 0 && page[start]!.keepWithPrevious) start -= 1;
      // The whole run if it fits the next page; otherwise as much of its end as fits, so that the
      // block (the signatures) never opens a page on its own.
      for (let from = Math.max(start, 1); from < page.length; from++) {
        const runHeight = page.slice(from).reduce((sum, b) => sum + b.heightMm, 0) + block.heightMm;
        if (runHeight <= capacityMm(pages.length)) {
          moved = page.splice(from);
          break;
        }
      }
    }
    pages.push([...moved, block]);
    used = moved.reduce((sum, b) => sum + b.heightMm, 0) + block.heightMm;
  }
  return pages.map((page) => page.map((b) => b.item));
}

/** A length in mm as CSS. */
export function mm(value: number): string {
  return `${Math.round(value * 100) / 100}mm`;
}

/**
 * The reading map (readingMapOf) against the page as printed: Chromium prints the blank ballots,
 * pdftoppm rasterises them at 200 dpi as a scanner would, and every box the map names must be a
 * printed 6 mm outline within a fraction of a millimetre of where the map says, with nothing inside
 * it; every write-in space must be blank paper with its line just below. The boxes are found here by
 * a search of this test's own (the darkest square outline near the place), not by the reader's.
 */
import { describe, expect, it } from 'vitest';
import { BOX_MM, readingMapOf } from './ballots';
import { blankBallotsHtml } from './ballots';
import { BALLOT_KINDS, candidateNames, greyPages, meetingFor, printToPdf } from './testing/pdf';

const DPI = 200;
const PX = DPI / 25.4;

interface Grey {
  width: number;
  height: number;
  pixels: Uint8Array;
}

const pagesOf = (file: string): Grey[] => greyPages(file, DPI);

const dark = (g: Grey, x: number, y: number) => {
  const xi = Math.round(x);
  const yi = Math.round(y);
  return xi >= 0 && yi >= 0 && xi < g.width && yi < g.height && g.pixels[yi * g.width + xi]! < 128 ? 1 : 0;
};

/** Share of dark pixels on the outline of a square of side `sideMm` centred at (x, y) px. */
function outline(g: Grey, x: number, y: number, sideMm: number): number {
  const half = (sideMm / 2) * PX;
  const steps = Math.round(sideMm * PX);
  let hits = 0;
  for (let i = 0; i <= steps; i++) {
    const t = -half + (2 * half * i) / steps;
    hits += dark(g, x + t, y - half) + dark(g, x + t, y + half) + dark(g, x - half, y + t) + dark(g, x + half, y + t);
  }
  return hits / (4 * (steps + 1));
}

function darkShare(g: Grey, x0: number, y0: number, x1: number, y1: number): number {
  let hits = 0;
  let all = 0;
  for (let y = Math.round(y0); y < Math.round(y1); y++) for (let x = Math.round(x0); x < Math.round(x1); x++, all++) hits += dark(g, x, y);
  return hits / Math.max(1, all);
}

describe.each(Object.keys(BALLOT_KINDS))('%s: the reading map is where the print-out puts things', (kind) => {
  it.each([6, 40])('%i candidates', async (count) => {
    const input = meetingFor(BALLOT_KINDS[kind]!(), candidateNames(count));
    const map = readingMapOf(input);
    const printed = await printToPdf(blankBallotsHtml(input, 1), `map-${kind}-${count}`);
    const pages = pagesOf(printed.file);
    expect(pages).toHaveLength(map.pages.length);

    // Every item of the ballot is on exactly one page.
    const seen = map.pages.flatMap((p) => p.items.map((i) => `${i.candidate}/${i.question}`));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(map.candidates * map.questions);

    const errors: number[] = [];
    map.pages.forEach((page, p) => {
      const g = pages[p]!;
      for (const item of page.items) {
        for (const box of item.boxes) {
          const at = `page ${p + 1} candidate ${item.candidate + 1} question ${item.question + 1} option ${box.option + 1}`;
          const cx = (map.paperOffsetMm.x + box.xMm) * PX;
          const cy = (map.paperOffsetMm.y + box.yMm) * PX;
          // Within 0.6 mm: Chromium rounds row heights and column edges to whole CSS pixels, so the
          // map drifts by up to about 0.5 mm down a page of rows; the reader looks 2.5 mm round.
          // The darkest 6 mm outline within 2.5 mm of the place (the rule is 0.3 mm, so the outline
          // runs through the middle of it at 5.7 mm).
          let best = { score: -1, dx: 0, dy: 0 };
          const reach = Math.round(2.5 * PX);
          for (let dy = -reach; dy <= reach; dy++) {
            for (let dx = -reach; dx <= reach; dx++) {
              // Chromium snaps the 6 mm box and its 0.3 mm rule to whole CSS pixels (0.26 mm).
              const score = Math.max(outline(g, cx + dx, cy + dy, BOX_MM - 0.5), outline(g, cx + dx, cy + dy, BOX_MM - 0.3), outline(g, cx + dx, cy + dy, BOX_MM - 0.1));
              if (score > best.score) best = { score, dx, dy };
            }
          }
          expect(best.score, `${at}: a printed box`).toBeGreaterThan(0.7);
          errors.push(Math.hypot(best.dx, best.dy) / PX);
          expect(Math.hypot(best.dx, best.dy) / PX, `${at}: off by (${(best.dx / PX).toFixed(2)}, ${(best.dy / PX).toFixed(2)}) mm`).toBeLessThan(0.6);
          const inner = (BOX_MM / 2 - 0.6) * PX;
          expect(darkShare(g, cx + best.dx - inner, cy + best.dy - inner, cx + best.dx + inner, cy + best.dy + inner), `${at}: empty inside`).toBe(0);
        }
      }
      for (const w of page.writeIns) {
        const at = `page ${p + 1} write-in ${w.question + 1}.${w.slot + 1}`;
        const x0 = (map.paperOffsetMm.x + w.xMm) * PX;
        const y0 = (map.paperOffsetMm.y + w.yMm) * PX;
        const x1 = x0 + w.widthMm * PX;
        const y1 = y0 + w.heightMm * PX;
        // Blank paper to write on (the last 0.7 mm above the line left out), and the line under it.
        expect(darkShare(g, x0, y0, x1, y1 - 0.7 * PX), `${at}: blank`).toBe(0);
        expect(darkShare(g, x0 + PX, y1 - 0.7 * PX, x1 - PX, y1 + 0.7 * PX), `${at}: its line`).toBeGreaterThan(0.1);
      }
    });
    console.log(kind, count, 'largest box offset', Math.max(...errors).toFixed(2), 'mm');
  });
});

/**
 * What a scanner or a phone will need of a printed blank ballot (docs/scanning.md), checked on the
 * printed pages as pixels (pdftoppm, as a scanner at 150 dpi sees them): on every page a QR code that
 * an ordinary reader (jsQR) decodes to this meeting, this form and candidate list and this page of
 * the ballot, the same on every copy; four solid corner squares where the layout puts them, clear
 * of everything else, the top-left one with its white hole.
 */
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { decodePageCode, formKeyOf, meetingKeyOf } from '../../../shared/contract/ballot-page-code';
import { ballotPages, blankBallotsHtml, QR_MM, REGISTRATION_MM } from './ballots';
import { A4, CONTENT, MARGIN } from './kit';
import { BALLOT_KINDS, candidateNames, greyPages, meetingFor, printToPdf } from './testing/pdf';

const DPI = 150;
const px = (mm: number) => (mm / 25.4) * DPI;

interface Grey {
  width: number;
  height: number;
  pixels: Uint8Array;
}

const scan = (file: string): Grey[] => greyPages(file, DPI);

function qrText(page: Grey): string | null {
  const rgba = new Uint8ClampedArray(page.width * page.height * 4);
  for (let i = 0; i < page.pixels.length; i++) {
    rgba.fill(page.pixels[i]!, i * 4, i * 4 + 3);
    rgba[i * 4 + 3] = 255;
  }
  return jsQR(rgba, page.width, page.height)?.data ?? null;
}

/** The share of dark pixels in a rectangle given in mm from the paper's top left. */
function darkShare(page: Grey, xMm: number, yMm: number, wMm: number, hMm: number): number {
  let dark = 0;
  let all = 0;
  for (let y = Math.round(px(yMm)); y < Math.round(px(yMm + hMm)); y++) {
    for (let x = Math.round(px(xMm)); x < Math.round(px(xMm + wMm)); x++) {
      all++;
      if (page.pixels[y * page.width + x]! < 128) dark++;
    }
  }
  return dark / all;
}

describe.each(Object.keys(BALLOT_KINDS))('%s ballots carry what a scan is read by', (kind) => {
  it.each([6, 40])('%i candidates, 2 copies', async (count) => {
    const input = meetingFor(BALLOT_KINDS[kind]!(), candidateNames(count));
    const perBallot = ballotPages(input).pages.length;
    const printed = await printToPdf(blankBallotsHtml(input, 2), `reading-${kind}-${count}`);
    const pages = scan(printed.file);
    expect(pages).toHaveLength(2 * perBallot);
    const meetingKey = meetingKeyOf(input);
    const formKey = formKeyOf(input.form, input.candidates.map((c) => c.name));

    pages.forEach((page, i) => {
      const at = `page ${i + 1}`;
      expect(decodePageCode(qrText(page) ?? ''), at).toEqual({ meetingKey, formKey, page: (i % perBallot) + 1, pages: perBallot });

      // The page's own box starts at the margins; its height is just under the printable height.
      const left = MARGIN.sideMm;
      const right = A4.widthMm - MARGIN.sideMm - REGISTRATION_MM;
      const top = MARGIN.topMm;
      const bottom = MARGIN.topMm + CONTENT.heightMm - 1 - REGISTRATION_MM;
      for (const [x, y, name] of [
        [left, top, 'top left'],
        [right, top, 'top right'],
        [left, bottom, 'bottom left'],
        [right, bottom, 'bottom right'],
      ] as const) {
        const inset = 0.6;
        const solid = darkShare(page, x + inset, y + inset, REGISTRATION_MM - 2 * inset, REGISTRATION_MM - 2 * inset);
        // The top-left square has a 2.5 mm hole: 1 − 2.5²/(7 − 1.2)² ≈ 0.81 of it is dark.
        if (name === 'top left') {
          expect(solid, `${at} ${name}`).toBeGreaterThan(0.75);
          expect(darkShare(page, x + 2.75, y + 2.75, 1.5, 1.5), `${at} ${name} hole`).toBeLessThan(0.05);
        } else {
          expect(solid, `${at} ${name}`).toBeGreaterThan(0.95);
        }
        // Clear paper 2 mm around it on the sides that face the ballot (nothing printed next to a mark).
        const clearX = x === left ? x + REGISTRATION_MM + 0.5 : x - 2.5;
        expect(darkShare(page, clearX, y, 2, REGISTRATION_MM), `${at} ${name} clear beside`).toBeLessThan(0.02);
        const clearY = y === top ? y + REGISTRATION_MM + 0.5 : y - 2.5;
        expect(darkShare(page, x, clearY, REGISTRATION_MM, 2), `${at} ${name} clear above/below`).toBeLessThan(0.02);
      }
      // The QR code stands in the bottom band, whole, left of the bottom-right square.
      expect(darkShare(page, right - 5 - QR_MM, bottom + REGISTRATION_MM - QR_MM, QR_MM, QR_MM), `${at} code`).toBeGreaterThan(0.2);
    });
  });
});

/**
 * The geometry and image steps of reading a page, on pages drawn here whose truth is known: the four
 * corner squares found under a shadow, the page turned a quarter round recovered through the
 * homography of the squares' centres (the turn made by moving pixels, not by the code under test).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Point } from './geometry';
import { homographyFrom, invert, project } from './geometry';
import type { Grey } from './raster';
import { blobsOf, darkMask, greyOfRgba, warp } from './raster';

const close = (a: Point, b: Point, tolerance: number) => Math.hypot(a.x - b.x, a.y - b.y) <= tolerance;

describe('the homography of four points', () => {
  it('takes each corner where it was asked to, and its inverse brings any point back', () => {
    const coordinate = fc.double({ min: -200, max: 200, noNaN: true });
    fc.assert(
      fc.property(fc.array(coordinate, { minLength: 8, maxLength: 8 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (d, s, t) => {
        const from = [
          { x: 0, y: 0 },
          { x: 1000, y: 0 },
          { x: 1000, y: 1400 },
          { x: 0, y: 1400 },
        ];
        // A camera's view of the page: each corner moved by up to 200 px (a convex quadrilateral still).
        const to = from.map((p, i) => ({ x: p.x + d[2 * i]!, y: p.y + d[2 * i + 1]! }));
        const h = homographyFrom(from, to);
        expect(h).not.toBeNull();
        for (let i = 0; i < 4; i++) expect(close(project(h!, from[i]!), to[i]!, 1e-6)).toBe(true);
        const inside = { x: 1000 * s, y: 1400 * t };
        const back = project(invert(h!)!, project(h!, inside));
        expect(close(back, inside, 1e-6)).toBe(true);
      }),
    );
  });

  it('refuses corners three of which lie on a line', () => {
    const line = [
      { x: 0, y: 0 },
      { x: 10, y: 10 },
      { x: 20, y: 20 },
      { x: 0, y: 30 },
    ];
    expect(homographyFrom(line, line.map((p) => ({ x: p.x * 2, y: p.y * 2 })))).toBeNull();
    expect(homographyFrom(line.slice(0, 3), line.slice(0, 3))).toBeNull();
  });
});

const W = 300;
const H = 400;
const SQUARE = 20;
const CORNERS: Point[] = [
  { x: 20, y: 20 },
  { x: W - 20 - SQUARE, y: 20 },
  { x: W - 20 - SQUARE, y: H - 20 - SQUARE },
  { x: 20, y: H - 20 - SQUARE },
];

/** A page: paper under a shadow that deepens to the right, four corner squares, a tick-like stroke. */
function drawnPage(): Grey {
  const rgba = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const paper = 250 - Math.round((x / W) * 130);
      let v = paper;
      if (CORNERS.some((c) => x >= c.x && x < c.x + SQUARE && y >= c.y && y < c.y + SQUARE)) v = Math.round(paper * 0.15);
      if (Math.abs(y - 200 - (x - 150) * 0.6) < 1.5 && x > 140 && x < 170) v = Math.round(paper * 0.3);
      rgba.set([v, v, v, 255], (y * W + x) * 4);
    }
  }
  return greyOfRgba(rgba, W, H);
}

/** The page turned a quarter round clockwise, pixel by pixel. */
function turned(page: Grey): Grey {
  const out = new Uint8Array(page.width * page.height);
  const width = page.height;
  for (let y = 0; y < page.height; y++) for (let x = 0; x < page.width; x++) out[x * width + (page.height - 1 - y)] = page.pixels[y * page.width + x]!;
  return { width, height: page.width, pixels: out };
}

const squares = (page: Grey) =>
  blobsOf(darkMask(page, 41, 25), page.width, page.height, 100).filter((b) => Math.abs(b.maxX - b.minX + 1 - SQUARE) <= 2 && Math.abs(b.maxY - b.minY + 1 - SQUARE) <= 2);

describe('finding the corner squares and seeing the page as printed', () => {
  it('finds exactly the four squares under the shadow, not the shadow, and the stroke as a blob of its own', () => {
    const page = drawnPage();
    const found = squares(page);
    expect(found).toHaveLength(4);
    for (const c of CORNERS) expect(found.some((b) => close({ x: b.cx, y: b.cy }, { x: c.x + SQUARE / 2 - 0.5, y: c.y + SQUARE / 2 - 0.5 }, 0.5))).toBe(true);
    const all = blobsOf(darkMask(page, 41, 25), W, H, 10);
    expect(all).toHaveLength(5);
  });

  it('recovers a page turned a quarter round from its four squares', () => {
    const page = drawnPage();
    const photo = turned(page);
    const centres = squares(photo).map((b) => ({ x: b.cx + 0.5, y: b.cy + 0.5 }));
    expect(centres).toHaveLength(4);
    // Template centres in the order top-left, top-right, bottom-right, bottom-left; each found centre
    // matched to the template corner it must be after a clockwise quarter turn.
    const template = CORNERS.map((c) => ({ x: c.x + SQUARE / 2, y: c.y + SQUARE / 2 }));
    const afterTurn = (p: Point) => ({ x: H - p.y, y: p.x });
    const matched = template.map((t) => centres.reduce((best, c) => (Math.hypot(c.x - afterTurn(t).x, c.y - afterTurn(t).y) < Math.hypot(best.x - afterTurn(t).x, best.y - afterTurn(t).y) ? c : best)));
    const toPhoto = homographyFrom(template, matched)!;
    const seen = warp(photo, toPhoto, W, H);
    let difference = 0;
    for (let i = 0; i < seen.pixels.length; i++) difference += Math.abs(seen.pixels[i]! - page.pixels[i]!);
    expect(difference / seen.pixels.length).toBeLessThan(2);
  });

  it('refuses pixels that are not the size given', () => {
    expect(() => greyOfRgba(new Uint8Array(10), 2, 2)).toThrow();
  });
});

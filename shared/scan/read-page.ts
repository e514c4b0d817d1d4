/**
 * Reading one scanned or photographed page of a Tally Desk ballot (docs/scanning.md): find the page
 * by its four corner squares and its code, see it as printed (a homography onto the frame, light
 * evened out), then score every box the reading map names and class it as marked, empty, doubtful or
 * crossed out against the thresholds below. Nothing here decides a doubtful item: it goes to a
 * person with its crop. Written-in names are never read: their space is cropped for a person.
 *
 * Pure TypeScript on typed arrays (a Worker, the command line and the tests run the same code);
 * the QR code is read by jsQR, which needs nothing the app's CSP refuses.
 */
import jsQR from 'jsqr';
import type { BallotPageCode } from '../contract/ballot-page-code';
import { decodePageCode } from '../contract/ballot-page-code';
import type { Homography, Point } from './geometry';
import { homographyFrom, invert, project } from './geometry';
import type { Blob, Grey } from './raster';
import { blobsOf, darkMask, shrink, warp } from './raster';
import type { ReadingMap } from './reading-map';
import { squareCentres } from './reading-map';

/** Pixels per mm of the page as the reader sees it after straightening (about 203 dpi). */
export const FRAME_PX_PER_MM = 8;

/**
 * The thresholds a box is classed by (docs/scanning.md, "Thresholds"). A box's *fill* is the share
 * of its inside (2.2 mm round its centre, clear of the printed rule) darker than INK of the paper
 * round it; its *trace* the share darker than TRACE. A tick of a thin light pen covers 5–20 % of the
 * inside, a stray dot under 2 %, a pen resting on the paper 1–4 %.
 */
export const MARK_THRESHOLDS = {
  /** Darkness (1 − grey / paper) from which a pixel is ink; light pencil and blue ballpoint reach it. */
  ink: 0.28,
  /** Darkness from which a pixel shows any trace at all. */
  trace: 0.14,
  /** At most this fill and this trace: empty. */
  emptyFill: 0.015,
  emptyTrace: 0.05,
  /** At least this fill, over at least markSpanMm across: a mark. Between empty and marked: doubtful. */
  markFill: 0.05,
  markSpanMm: 2.4,
  /** Ink spanning less than this (mm), with at most speckFill and speckTrace: a speck, empty. */
  speckSpanMm: 1.8,
  speckFill: 0.04,
  speckTrace: 0.1,
  /** At least this fill: a filled box, a mark whatever its strokes. */
  solidFill: 0.8,
  /**
   * Ink crossed this many times or more, on average, by the lines across the inside (a tick or a
   * × is crossed once or twice): strokes scribbled over the box, a mark withdrawn, for a person.
   */
  scribbleCrossings: 2.4,
  scribbleFill: 0.2,
  /** A write-in space with at least this share of ink has something written in it. */
  writeInInk: 0.006,
} as const;

export type BoxClass = 'empty' | 'marked' | 'doubtful' | 'crossed-out';

export interface BoxReading {
  option: number;
  /** Where the box was found, frame mm (the map's place plus what the search moved it by). */
  xMm: number;
  yMm: number;
  fill: number;
  trace: number;
  /** Across the ink's extent inside the box, mm. */
  spanMm: number;
  /** Mean number of ink runs a line across the inside crosses (the busier of rows and columns). */
  crossings: number;
  class: BoxClass;
}

/** Why an item needs a person. */
export type ReviewReason = 'doubtful' | 'crossed-out';

export interface ItemReading {
  candidate: number;
  question: number;
  boxes: BoxReading[];
  /**
   * The item as read when no person is needed: an option index, 'blank' (弃权) or 'void' (two or more
   * options marked, the form's rule); null when it goes to review.
   */
  mark: number | 'blank' | 'void' | null;
  review: ReviewReason | null;
}

export interface WriteInReading {
  question: number;
  slot: number;
  ink: number;
  /** Something is written there: a person types it from the crop. */
  written: boolean;
}

export interface FoundPage {
  code: BallotPageCode;
  /** The quarter turns (clockwise) the page lay at, 0–3, and its further tilt in degrees. */
  turn: number;
  tiltDeg: number;
  /** Resolution of the page in the image, pixels per mm. */
  pxPerMm: number;
  /** The frame → image map. */
  toImage: Homography;
}

export type PageReading =
  | ({
      status: 'read';
      items: ItemReading[];
      writeIns: WriteInReading[];
      /** The page straightened, FRAME_PX_PER_MM: for crops; a caller drops it once they are taken. */
      frame?: Grey;
    } & FoundPage)
  | { status: 'refused'; code: BallotPageCode; reason: string }
  | { status: 'unrecognised'; reason: UnrecognisedReason };

/** Why a page could not be found: each has its sentence in the catalogue (zh.scan). */
export type UnrecognisedReason = 'no-squares' | 'no-code' | 'bad-code' | 'too-small' | 'bad-geometry';

/** The map to read a page by, or why this page does not belong here (wrong meeting, form or page). */
export type MapLookup = (code: BallotPageCode) => { map: ReadingMap } | { refused: string };

/** At most this long side the squares are searched on (a phone's 4,000 px halved): squares stay 20 px and more. */
const SEARCH_LONG_SIDE = 2400;

/** One page's image, read: where the page is, then every box and write-in space on it. */
export function readPage(image: Grey, lookup: MapLookup): PageReading {
  const found = findPage(image, lookup);
  if ('reason' in found) return found.code ? { status: 'refused', code: found.code, reason: found.reason } : { status: 'unrecognised', reason: found.reason as UnrecognisedReason };
  const { map, page } = found;
  const frame = straighten(image, found.toImage, map);
  const darkness = darknessOf(frame);
  const items = readItems(darkness, map.pages[page.code.page - 1]!.items, map.boxMm);
  const writeIns = map.pages[page.code.page - 1]!.writeIns.map((w) => {
    const ink = inkShare(darkness, w.xMm, w.yMm, w.xMm + w.widthMm, w.yMm + w.heightMm - 0.8);
    return { question: w.question, slot: w.slot, ink, written: ink >= MARK_THRESHOLDS.writeInInk };
  });
  return { status: 'read', ...page, items, writeIns, frame };
}

// ——— finding the page ———

interface Found {
  map: ReadingMap;
  page: FoundPage;
  toImage: Homography;
}

type NotFound = { reason: UnrecognisedReason; code?: undefined } | { reason: string; code: BallotPageCode };

function findPage(image: Grey, lookup: MapLookup): Found | NotFound {
  const factor = Math.max(1, Math.ceil(Math.max(image.width, image.height) / SEARCH_LONG_SIDE));
  const small = shrink(image, factor);
  // The squares are 7 mm; on a page filling the picture that is about 1/40 of its long side.
  const mask = darkMask(small, Math.max(15, Math.round(Math.max(small.width, small.height) / 25)), 25);
  const squares = squareCandidates(blobsOf(mask, small.width, small.height, 12), small);
  if (squares.length < 4) return { reason: 'no-squares' };
  let lastReason: NotFound = { reason: 'no-squares' };
  for (const corners of cornerChoices(squares, small)) {
    // Frame corners (TL, TR, BR, BL as printed) → full-size image.
    const scaled = corners.map((b) => ({ x: (b.cx + 0.5) * factor, y: (b.cy + 0.5) * factor }));
    const attempt = pageFromSquares(image, scaled, lookup);
    if (!('reason' in attempt)) return attempt;
    lastReason = attempt;
    if (attempt.code) return attempt;
  }
  return lastReason;
}

interface Square extends Blob {
  /** A white hole at its centre (the top-left square). */
  hole: boolean;
}

/** Solid, nearly square dark blobs: the corner squares are among them (so are filled boxes). */
function squareCandidates(blobs: Blob[], grey: Grey): Square[] {
  const out: Square[] = [];
  for (const b of blobs) {
    const w = b.maxX - b.minX + 1;
    const h = b.maxY - b.minY + 1;
    if (w < 6 || h < 6 || w > grey.width / 8 || h > grey.height / 8) continue;
    const aspect = w / h;
    if (aspect < 0.6 || aspect > 1.67) continue;
    // Solid: a square turned up to 15° still fills two thirds of its bounding box; the hole takes 13 %.
    if (b.area / (w * h) < 0.5) continue;
    out.push({ ...b, hole: holeAt(grey, b) });
  }
  return out;
}

/** Whether the middle of the blob is paper-light while its body is dark. */
function holeAt(grey: Grey, b: Blob): boolean {
  const cx = Math.round((b.minX + b.maxX) / 2);
  const cy = Math.round((b.minY + b.maxY) / 2);
  const r = Math.max(1, Math.round((b.maxX - b.minX) * 0.06));
  let centre = 0;
  let n = 0;
  for (let y = cy - r; y <= cy + r; y++) for (let x = cx - r; x <= cx + r; x++, n++) centre += grey.pixels[y * grey.width + x]!;
  centre /= n;
  // The body: a point a quarter of the way in from each corner.
  const qx = (b.maxX - b.minX) / 4;
  const qy = (b.maxY - b.minY) / 4;
  let body = 0;
  for (const [x, y] of [
    [b.minX + qx, b.minY + qy],
    [b.maxX - qx, b.minY + qy],
    [b.maxX - qx, b.maxY - qy],
    [b.minX + qx, b.maxY - qy],
  ] as const) body += grey.pixels[Math.round(y) * grey.width + Math.round(x)]!;
  body /= 4;
  return centre - body > 60;
}

/**
 * Sets of four squares that could be the page's corners, most likely first, each in printed order
 * (top-left with the hole, then clockwise): the squares furthest out along the four diagonals, of
 * like size, forming a quadrilateral the shape of the frame. A set without a hole is offered in
 * each of the four turns, the page code then tells.
 */
function* cornerChoices(squares: Square[], grey: Grey): Generator<Blob[]> {
  // Keep the squares of the commonest large size: corner squares are the largest solid marks printed.
  const sorted = [...squares].sort((a, b) => b.area - a.area);
  const tried = new Set<string>();
  for (let i = 0; i < Math.min(sorted.length, 12); i++) {
    const reference = sorted[i]!.area;
    const alike = squares.filter((s) => s.area >= reference * 0.45 && s.area <= reference * 1.8);
    if (alike.length < 4) continue;
    const extreme = (score: (s: Square) => number) => alike.reduce((best, s) => (score(s) > score(best) ? s : best));
    // Image corners: top-left, top-right, bottom-right, bottom-left.
    const ring = [extreme((s) => -s.cx - s.cy), extreme((s) => s.cx - s.cy), extreme((s) => s.cx + s.cy), extreme((s) => -s.cx + s.cy)];
    if (new Set(ring).size < 4) continue;
    const key = ring.map((s) => `${s.cx},${s.cy}`).join('|');
    if (tried.has(key)) continue;
    tried.add(key);
    if (!frameShaped(ring, grey)) continue;
    const holes = ring.map((s, k) => (s.hole ? k : -1)).filter((k) => k >= 0);
    const starts = holes.length === 1 ? holes : [0, 1, 2, 3];
    for (const start of starts) yield [0, 1, 2, 3].map((k) => ring[(start + k) % 4]!);
  }
}

/** Four corners whose sides are in the frame's proportion (180 × 272 mm), either way up, give or take perspective. */
function frameShaped(ring: Blob[], grey: Grey): boolean {
  const d = (a: Blob, b: Blob) => Math.hypot(a.cx - b.cx, a.cy - b.cy);
  const top = d(ring[0]!, ring[1]!);
  const right = d(ring[1]!, ring[2]!);
  const bottom = d(ring[2]!, ring[3]!);
  const left = d(ring[3]!, ring[0]!);
  if (Math.min(top, right, bottom, left) < Math.max(grey.width, grey.height) / 6) return false;
  const ratio = (left + right) / (top + bottom);
  const portrait = 272 / 180;
  return (ratio > portrait * 0.7 && ratio < portrait * 1.35) || (1 / ratio > portrait * 0.7 && 1 / ratio < portrait * 1.35);
}

function pageFromSquares(image: Grey, corners: Point[], lookup: MapLookup): Found | NotFound {
  // The squares' centres are known in every layout (the same frame on every ballot), so the code
  // can be read before the map is known: straighten the code's corner of the page first.
  const frameGuess = { widthMm: 180, heightMm: 272, squareMm: 7 };
  const centres = squareCentres({ ...frameGuess, holeMm: 2.5 });
  const toImage = homographyFrom(centres, corners);
  if (!toImage) return { reason: 'bad-geometry' };
  const pxPerMm = Math.hypot(corners[1]!.x - corners[0]!.x, corners[1]!.y - corners[0]!.y) / (centres[1]!.x - centres[0]!.x);
  if (pxPerMm < 2.5) return { reason: 'too-small' };
  // The code's printed square with 3 mm round it.
  const text = readCode(image, toImage, { xMm: CODE_X_MM - 3, yMm: CODE_Y_MM - 3, sizeMm: CODE_MM + 6 });
  if (text === null) return { reason: 'no-code' };
  if (text === 'misplaced') return { reason: 'bad-geometry' };
  const code = decodePageCode(text);
  if (!code) return { reason: 'bad-code' };
  const found = lookup(code);
  if ('refused' in found) return { reason: found.refused, code };
  const map = found.map;
  if (code.page > map.pages.length) return { reason: 'bad-code' };
  // With the map's own frame (the same today; read from the map so a later layout stays right).
  const exact = homographyFrom(squareCentres(map.frame), corners);
  if (!exact) return { reason: 'bad-geometry' };
  const origin = project(exact, { x: 0, y: 0 });
  const across = project(exact, { x: map.frame.widthMm, y: 0 });
  const angle = (Math.atan2(across.y - origin.y, across.x - origin.x) * 180) / Math.PI;
  const turn = ((Math.round(angle / 90) % 4) + 4) % 4;
  return { map, toImage: exact, page: { code, turn, tiltDeg: ((angle - turn * 90 + 540) % 360) - 180, pxPerMm, toImage: exact } };
}

/** The QR code in a square of the frame (with room round the printed one), read straightened at 8 px/mm. */
function readCode(image: Grey, toImage: Homography, area: { xMm: number; yMm: number; sizeMm: number }): string | null {
  // As straightened at 8 px/mm first; a blurred photo's code often reads only larger, or only once
  // its greys are made black and white against their neighbourhood.
  for (const pxPerMm of [FRAME_PX_PER_MM, 12]) {
    const size = Math.round(area.sizeMm * pxPerMm);
    const s = 1 / pxPerMm;
    const grey = warp(image, compose(toImage, [s, 0, area.xMm, 0, s, area.yMm, 0, 0, 1]), size, size);
    const mask = darkMask(grey, Math.round(3 * pxPerMm), 10);
    for (const binarise of [false, true]) {
      const rgba = new Uint8ClampedArray(size * size * 4);
      for (let i = 0; i < grey.pixels.length; i++) {
        const v = binarise ? (mask[i] ? 0 : 255) : grey.pixels[i]!;
        rgba[i * 4] = v;
        rgba[i * 4 + 1] = v;
        rgba[i * 4 + 2] = v;
        rgba[i * 4 + 3] = 255;
      }
      const found = jsQR(rgba, size, size, { inversionAttempts: 'dontInvert' });
      if (!found) continue;
      // The symbol where the frame puts it: its corners within CODE_PLACE_MM of the printed ones. Four
      // wrong "corner squares" (a filled box taken for one) can still bring the code into the crop;
      // they cannot bring it to its place.
      const modules = 17 + 4 * found.version;
      const module = CODE_MM / (modules + 8);
      const x0 = (CODE_X_MM + 4 * module - area.xMm) * pxPerMm;
      const y0 = (CODE_Y_MM + 4 * module - area.yMm) * pxPerMm;
      const x1 = x0 + modules * module * pxPerMm;
      const y1 = y0 + modules * module * pxPerMm;
      const { topLeftCorner: tl, topRightCorner: tr, bottomRightCorner: br, bottomLeftCorner: bl } = found.location;
      const off = Math.max(Math.hypot(tl.x - x0, tl.y - y0), Math.hypot(tr.x - x1, tr.y - y0), Math.hypot(br.x - x1, br.y - y1), Math.hypot(bl.x - x0, bl.y - y1));
      return off <= CODE_PLACE_MM * pxPerMm ? found.data : 'misplaced';
    }
  }
  return null;
}

/** The page code's printed square in the TD1 frame (quiet zone included), mm. */
const CODE_X_MM = 148;
const CODE_Y_MM = 252;
const CODE_MM = 20;
/** How far the code's corners may stand from where the corner squares put them, mm. */
const CODE_PLACE_MM = 3;

/** a ∘ b: first b, then a. */
function compose(a: Homography, b: Homography): Homography {
  const m = new Array<number>(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) m[r * 3 + c] = a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!;
  return m.map((v) => v / m[8]!) as unknown as Homography;
}

/** The frame as printed, FRAME_PX_PER_MM, from the image. */
function straighten(image: Grey, toImage: Homography, map: ReadingMap): Grey {
  const s = 1 / FRAME_PX_PER_MM;
  return warp(image, compose(toImage, [s, 0, 0, 0, s, 0, 0, 0, 1]), Math.round(map.frame.widthMm * FRAME_PX_PER_MM), Math.round(map.frame.heightMm * FRAME_PX_PER_MM));
}

/** The frame → image map's inverse, for a caller that wants to mark the image (review screen). */
export function imageToFrame(page: FoundPage): Homography | null {
  return invert(page.toImage);
}

// ——— the light evened out ———

/** Darkness per pixel, 0 (paper) … 255 (black), against the paper round it. */
interface Darkness {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Block of the paper estimate, mm: larger than any printed solid (the squares, a filled box). */
const PAPER_BLOCK_MM = 10;

/**
 * Each pixel's darkness against the paper near it: the paper's grey is the 90th percentile of each
 * 10 mm block (print covers far less of any block than that), interpolated between blocks. A shadow
 * or a lamp's falloff then leaves paper at 0 and ink dark.
 */
function darknessOf(frame: Grey): Darkness {
  const { width, height, pixels } = frame;
  const block = PAPER_BLOCK_MM * FRAME_PX_PER_MM;
  const bw = Math.ceil(width / block);
  const bh = Math.ceil(height / block);
  const paper = new Float32Array(bw * bh);
  const histogram = new Uint32Array(256);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      histogram.fill(0);
      let n = 0;
      for (let y = by * block; y < Math.min(height, (by + 1) * block); y++) {
        for (let x = bx * block; x < Math.min(width, (bx + 1) * block); x++, n++) histogram[pixels[y * width + x]!]!++;
      }
      let seen = 0;
      let value = 255;
      for (let v = 0; v < 256; v++) {
        seen += histogram[v]!;
        if (seen >= n * 0.9) {
          value = v;
          break;
        }
      }
      paper[by * bw + bx] = Math.max(value, 24);
    }
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = Math.min(bh - 1, Math.max(0, (y + 0.5) / block - 0.5));
    const y0 = Math.floor(gy);
    const y1 = Math.min(bh - 1, y0 + 1);
    const fy = gy - y0;
    for (let x = 0; x < width; x++) {
      const gx = Math.min(bw - 1, Math.max(0, (x + 0.5) / block - 0.5));
      const x0 = Math.floor(gx);
      const x1 = Math.min(bw - 1, x0 + 1);
      const fx = gx - x0;
      const top = paper[y0 * bw + x0]! + (paper[y0 * bw + x1]! - paper[y0 * bw + x0]!) * fx;
      const bottom = paper[y1 * bw + x0]! + (paper[y1 * bw + x1]! - paper[y1 * bw + x0]!) * fx;
      const level = top + (bottom - top) * fy;
      const d = 1 - pixels[y * width + x]! / level;
      out[y * width + x] = d <= 0 ? 0 : d >= 1 ? 255 : Math.round(d * 255);
    }
  }
  return { width, height, pixels: out };
}

// ——— the boxes ———

/** Summed-area table of a darkness image (for band averages in constant time). */
function integralOf(d: Darkness): Uint32Array {
  const stride = d.width + 1;
  // 255 × 1440 × 2176 (a whole frame) is under 2^32.
  const sums = new Uint32Array(stride * (d.height + 1));
  for (let y = 0; y < d.height; y++) {
    let row = 0;
    for (let x = 0; x < d.width; x++) {
      row += d.pixels[y * d.width + x]!;
      sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1]! + row;
    }
  }
  return sums;
}


function rectMean(sums: Uint32Array, d: Darkness, x0: number, y0: number, x1: number, y1: number): number {
  const stride = d.width + 1;
  const ax = Math.max(0, Math.min(d.width, Math.round(x0)));
  const ay = Math.max(0, Math.min(d.height, Math.round(y0)));
  const bx = Math.max(0, Math.min(d.width, Math.round(x1)));
  const by = Math.max(0, Math.min(d.height, Math.round(y1)));
  const area = (bx - ax) * (by - ay);
  if (area <= 0) return 0;
  return (sums[by * stride + bx]! - sums[ay * stride + bx]! - sums[by * stride + ax]! + sums[ay * stride + ax]!) / area;
}

/**
 * How well a printed box outline sits at (cx, cy) px: for each of its four sides, the mean darkness
 * of the strip where that side's rule is printed less that of a strip of paper just outside it; the
 * box scores its weakest side. All four must be there: two sides of a box and a table rule beside it
 * (a box looked for a millimetre off) score nothing. Ink inside the box does not move the best place.
 */
function outlineScore(sums: Uint32Array, d: Darkness, cx: number, cy: number, boxMm: number, fine = false): number {
  const p = FRAME_PX_PER_MM;
  const half = (boxMm / 2) * p;
  // The rule's strip: for the search, wide enough for a blurred or bled rule (0.3 mm printed, up to
  // 0.8 seen), so the box is found from further off; for the last pixels, as narrow as the rule.
  const ruleIn = half - (fine ? 0.35 : 0.5) * p;
  const ruleOut = half + (fine ? 0.05 : 0.3) * p;
  // Paper beside the rule on both sides; the lighter of the two is the paper (a mark darkens the
  // inside, a table rule 1–1.25 mm away may darken the outside, never both of one side).
  const outsideIn = half + (fine ? 0.3 : 0.55) * p;
  const outsideOut = half + (fine ? 0.7 : 0.95) * p;
  const insideIn = half - 1.3 * p;
  const insideOut = half - (fine ? 0.75 : 0.9) * p;
  // Along each side, its middle part only (the corners belong to two sides).
  const along = half - 0.6 * p;
  const side = (ring: number, outside: number, inside: number) => ring - Math.min(outside, inside);
  const top = side(
    rectMean(sums, d, cx - along, cy - ruleOut, cx + along, cy - ruleIn),
    rectMean(sums, d, cx - along, cy - outsideOut, cx + along, cy - outsideIn),
    rectMean(sums, d, cx - along, cy - insideIn, cx + along, cy - insideOut),
  );
  const bottom = side(
    rectMean(sums, d, cx - along, cy + ruleIn, cx + along, cy + ruleOut),
    rectMean(sums, d, cx - along, cy + outsideIn, cx + along, cy + outsideOut),
    rectMean(sums, d, cx - along, cy + insideOut, cx + along, cy + insideIn),
  );
  const left = side(
    rectMean(sums, d, cx - ruleOut, cy - along, cx - ruleIn, cy + along),
    rectMean(sums, d, cx - outsideOut, cy - along, cx - outsideIn, cy + along),
    rectMean(sums, d, cx - insideIn, cy - along, cx - insideOut, cy + along),
  );
  const right = side(
    rectMean(sums, d, cx + ruleIn, cy - along, cx + ruleOut, cy + along),
    rectMean(sums, d, cx + outsideIn, cy - along, cx + outsideOut, cy + along),
    rectMean(sums, d, cx + insideOut, cy - along, cx + insideIn, cy + along),
  );
  return Math.min(top, bottom, left, right);
}

/** How far round its mapped place a box is looked for, mm (font differences move rows by a few mm). */
const SEARCH_MM = 2.5;

interface Located {
  item: number;
  option: number;
  /** The map's place, px. */
  mapX: number;
  mapY: number;
  /** Where it was found, px, and how clearly (outlineScore). */
  x: number;
  y: number;
  score: number;
}

/** The best outline within `reach` px of (x, y): a 2 px grid, then the pixels round the best. */
function bestOutline(sums: Uint32Array, d: Darkness, x: number, y: number, reach: number, boxMm: number): { x: number; y: number; score: number } {
  let best = { x, y, score: -Infinity };
  for (let dy = -reach; dy <= reach; dy += 2) {
    for (let dx = -reach; dx <= reach; dx += 2) {
      const score = outlineScore(sums, d, x + dx, y + dy, boxMm);
      if (score > best.score) best = { x: x + dx, y: y + dy, score };
    }
  }
  // The last pixels by the narrow strips: the wide ones are flat over a few tenths of a mm.
  const coarse = best;
  let fine = { x: coarse.x, y: coarse.y, score: -Infinity };
  for (let dy = -3; dy <= 3; dy++) {
    for (let dx = -3; dx <= 3; dx++) {
      const score = outlineScore(sums, d, coarse.x + dx, coarse.y + dy, boxMm, true);
      if (score > fine.score) fine = { x: coarse.x + dx, y: coarse.y + dy, score };
    }
  }
  return { x: fine.x, y: fine.y, score: coarse.score };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function readItems(d: Darkness, items: ReadingMap['pages'][number]['items'], boxMm: number): ItemReading[] {
  const sums = integralOf(d);
  const p = FRAME_PX_PER_MM;
  const reach = Math.round(SEARCH_MM * p);
  const ordered = [...items].sort((a, b) => a.boxes[0]!.yMm - b.boxes[0]!.yMm || a.boxes[0]!.xMm - b.boxes[0]!.xMm);
  // First, each item as a row: rows drift together (a title a line longer moves the grid down), so
  // each item is looked for round the place the last one was found, moved as it was; then each of
  // its boxes on its own, up to BOX_REFINE_MM.
  let driftX = 0;
  let driftY = 0;
  const located: Located[] = [];
  ordered.forEach((item, index) => {
    const scoreAt = (dx: number, dy: number) => item.boxes.reduce((sum, b) => sum + outlineScore(sums, d, (b.xMm + driftX) * p + dx, (b.yMm + driftY) * p + dy, boxMm), 0);
    let best = { dx: 0, dy: 0, score: -Infinity };
    for (let dy = -reach; dy <= reach; dy += 2) {
      for (let dx = -reach; dx <= reach; dx += 2) {
        const score = scoreAt(dx, dy);
        if (score > best.score) best = { dx, dy, score };
      }
    }
    driftX += best.dx / p;
    driftY += best.dy / p;
    for (const b of item.boxes) {
      const found = bestOutline(sums, d, (b.xMm + driftX) * p, (b.yMm + driftY) * p, Math.round(BOX_REFINE_MM * p), boxMm);
      located.push({ item: index, option: b.option, mapX: b.xMm * p, mapY: b.yMm * p, ...found });
    }
  });
  // Then every box checked against its neighbours: a page that is bent or curled (no one homography
  // fits it) moves nearby boxes alike, and a tick across a box's rule can pull the search off it. A
  // box found away from where its clearly found neighbours say is looked for again where they say.
  const confident = located.filter((l) => l.score >= CONFIDENT_OUTLINE_SCORE);
  const byItem = ordered.map(() => [] as BoxReading[]);
  for (const l of located) {
    const near = confident
      .filter((c) => c !== l)
      .map((c) => ({ c, distance: Math.hypot(c.mapX - l.mapX, c.mapY - l.mapY) }))
      .filter((n) => n.distance <= NEIGHBOUR_MM * p)
      .sort((a, b) => a.distance - b.distance)
      .slice(0, 6)
      .map((n) => n.c);
    let at = { x: l.x, y: l.y, score: l.score };
    let placeKnown = l.score >= CONFIDENT_OUTLINE_SCORE;
    if (near.length >= 3) {
      const ex = l.mapX + median(near.map((c) => c.x - c.mapX));
      const ey = l.mapY + median(near.map((c) => c.y - c.mapY));
      const spread = Math.max(...near.map((c) => Math.hypot(c.x - c.mapX - (ex - l.mapX), c.y - c.mapY - (ey - l.mapY))));
      if (Math.hypot(l.x - ex, l.y - ey) > AGREE_MM * p || l.score < CONFIDENT_OUTLINE_SCORE) {
        at = bestOutline(sums, d, Math.round(ex), Math.round(ey), Math.round(AGREE_MM * p), boxMm);
        // The neighbours agreeing among themselves fix the place even where this box's own rule is
        // hidden under ink.
        placeKnown = at.score >= CONFIDENT_OUTLINE_SCORE || spread <= 2 * AGREE_MM * p;
      }
    }
    const scored = scoreBox(d, at.x, at.y, boxMm);
    // A box whose place is not known is never read as definite: the inside measured could be a rule.
    const cls = placeKnown && at.score >= OUTLINE_MIN_SCORE ? scored.class : placeKnown ? scored.class : 'doubtful';
    byItem[l.item]!.push({ option: l.option, xMm: at.x / p, yMm: at.y / p, ...scored, class: cls });
  }
  return ordered.map((item, index) => {
    const boxes = byItem[index]!.sort((a, b) => a.option - b.option);
    return { candidate: item.candidate, question: item.question, boxes, ...decide(boxes) };
  });
}

/** A box found this clearly (outlineScore) is one whose place its neighbours may go by. */
const CONFIDENT_OUTLINE_SCORE = 40;
/** Neighbours within this distance of a box (mm) say where it should be. */
const NEIGHBOUR_MM = 60;
/** A box found further than this (mm) from where its neighbours say is looked for again there. */
const AGREE_MM = 0.6;

/** How far each box is looked for round the row's place, mm. */
const BOX_REFINE_MM = 2;
/**
 * The least outline score (rule darkness less the paper's, 0…255) of a box found: a printed rule of
 * 0.3 mm is 60 and more even blurred and faded; a box not found scores near nothing.
 */
const OUTLINE_MIN_SCORE = 25;

/** The inside of a box, clear of its rule, half-width in mm. */
const INSIDE_HALF_MM = 2.2;

function scoreBox(d: Darkness, cx: number, cy: number, boxMm: number): Omit<BoxReading, 'option' | 'xMm' | 'yMm'> {
  const t = MARK_THRESHOLDS;
  const half = Math.round(Math.min(INSIDE_HALF_MM, boxMm / 2 - 0.65) * FRAME_PX_PER_MM);
  const x0 = Math.round(cx) - half;
  const y0 = Math.round(cy) - half;
  const side = 2 * half + 1;
  const ink = t.ink * 255;
  const trace = t.trace * 255;
  let inkCount = 0;
  let traceCount = 0;
  let minX = side;
  let minY = side;
  let maxX = -1;
  let maxY = -1;
  let rowRuns = 0;
  const columnRuns = new Uint16Array(side);
  const columnInk = new Uint16Array(side);
  const rowInk = new Uint16Array(side);
  const columnWasInk = new Uint8Array(side);
  for (let y = 0; y < side; y++) {
    let wasInk = false;
    for (let x = 0; x < side; x++) {
      const px = x0 + x;
      const py = y0 + y;
      const v = px >= 0 && py >= 0 && px < d.width && py < d.height ? d.pixels[py * d.width + px]! : 0;
      const isInk = v >= ink;
      if (v >= trace) traceCount++;
      if (isInk) {
        inkCount++;
        rowInk[y]!++;
        columnInk[x]!++;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
        if (!wasInk) rowRuns++;
        if (!columnWasInk[x]) columnRuns[x]!++;
      }
      wasInk = isInk;
      columnWasInk[x] = isInk ? 1 : 0;
    }
  }
  const area = side * side;
  const fill = inkCount / area;
  const traceShare = traceCount / area;
  const spanMm = maxX < 0 ? 0 : Math.hypot(maxX - minX + 1, maxY - minY + 1) / FRAME_PX_PER_MM;
  let columns = 0;
  let rows = 0;
  let columnTotal = 0;
  for (let k = 0; k < side; k++) {
    if (columnRuns[k]! > 0) {
      columns++;
      columnTotal += columnRuns[k]!;
    }
    if (rowInk[k]! > 0) rows++;
  }
  const crossings = Math.max(rows > 0 ? rowRuns / rows : 0, columns > 0 ? columnTotal / columns : 0);
  // A straight line of ink right across the inside, near its edge, is the box's own rule seen
  // (the box found a little off its place), not a voter's mark: such a box is for a person.
  const edge = Math.round(0.6 * FRAME_PX_PER_MM);
  let ruleSeen = false;
  for (let k = 0; k < side && !ruleSeen; k++) {
    if (k >= edge && k < side - edge) continue;
    ruleSeen = rowInk[k]! >= side * 0.85 || columnInk[k]! >= side * 0.85;
  }
  const cls = classOf(fill, traceShare, spanMm, crossings);
  return { fill, trace: traceShare, spanMm, crossings, class: ruleSeen && cls !== 'empty' && fill < t.solidFill ? 'doubtful' : cls };
}

export function classOf(fill: number, trace: number, spanMm: number, crossings: number): BoxClass {
  const t = MARK_THRESHOLDS;
  if (fill >= t.solidFill) return 'marked';
  if (fill >= t.scribbleFill && crossings >= t.scribbleCrossings) return 'crossed-out';
  if (fill >= t.markFill && spanMm >= t.markSpanMm) return 'marked';
  if (fill <= t.emptyFill && trace <= t.emptyTrace) return 'empty';
  // A speck too small to be any mark (a dot, a pen touching the paper): no tick is this short.
  if (spanMm < t.speckSpanMm && fill < t.speckFill && trace < t.speckTrace) return 'empty';
  return 'doubtful';
}

/**
 * An item from its boxes: every box definite, or a person decides. Two or more marked options void
 * the item (the form's rule, as the counters apply it); one marked is that option; none is 弃权.
 */
function decide(boxes: BoxReading[]): Pick<ItemReading, 'mark' | 'review'> {
  if (boxes.some((b) => b.class === 'crossed-out')) return { mark: null, review: 'crossed-out' };
  if (boxes.some((b) => b.class === 'doubtful')) return { mark: null, review: 'doubtful' };
  const marked = boxes.filter((b) => b.class === 'marked');
  if (marked.length === 0) return { mark: 'blank', review: null };
  if (marked.length > 1) return { mark: 'void', review: null };
  return { mark: marked[0]!.option, review: null };
}

/** Share of ink in a rectangle of the frame, mm. */
function inkShare(d: Darkness, x0Mm: number, y0Mm: number, x1Mm: number, y1Mm: number): number {
  const p = FRAME_PX_PER_MM;
  const ink = MARK_THRESHOLDS.ink * 255;
  let hits = 0;
  let all = 0;
  for (let y = Math.max(0, Math.round(y0Mm * p)); y < Math.min(d.height, Math.round(y1Mm * p)); y++) {
    for (let x = Math.max(0, Math.round(x0Mm * p)); x < Math.min(d.width, Math.round(x1Mm * p)); x++, all++) if (d.pixels[y * d.width + x]! >= ink) hits++;
  }
  return all > 0 ? hits / all : 0;
}

/** A rectangle of the straightened page (frame mm), for a person to look at. */
export function cropOf(frame: Grey, xMm: number, yMm: number, widthMm: number, heightMm: number): Grey {
  const p = FRAME_PX_PER_MM;
  const x0 = Math.max(0, Math.round(xMm * p));
  const y0 = Math.max(0, Math.round(yMm * p));
  const x1 = Math.min(frame.width, Math.round((xMm + widthMm) * p));
  const y1 = Math.min(frame.height, Math.round((yMm + heightMm) * p));
  const width = Math.max(0, x1 - x0);
  const height = Math.max(0, y1 - y0);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) pixels.set(frame.pixels.subarray((y0 + y) * frame.width + x0, (y0 + y) * frame.width + x0 + width), y * width);
  return { width, height, pixels };
}

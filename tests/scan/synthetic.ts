/**
 * Synthetic scans of the app's own ballots, with their truth kept beside them, for the reader's
 * tests and benchmark. A blank ballot is printed by Chromium (the app's own template) and rasterised
 * by pdftoppm once per meeting; each synthetic ballot is that page marked as voters mark (ticks,
 * filled boxes, crosses, heavy and light pens, stray dots, marks scribbled out, names written in)
 * and then degraded as a document scanner or a phone camera would (turned, tilted, distorted, blurred,
 * shadowed, noisy, JPEG). The degradation is this file's own code: nothing of the reader is used.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { MeetingExport } from '../../shared/contract/meeting-export';
import type { BallotForm } from '../../shared/domain/forms';
import { postMaximum } from '../../shared/domain/forms';
import type { ReadingMap } from '../../shared/scan/reading-map';
import { BLANK, VOID } from '../../shared/schema/values';
import { blankBallotsHtml, readingMapOf } from '../../electron/services/print/ballots';
import { printToPdf } from '../../electron/services/print/testing/pdf';

/** What a voter put in a box. */
export type MarkKind = 'none' | 'tick' | 'fill' | 'cross' | 'heavy' | 'light' | 'stray' | 'crossed-out';
/** What a reader must make of it: a definite read either way is wrong for 'review', and so on. */
export type Expected = 'marked' | 'empty' | 'empty-or-review' | 'review';

export const EXPECTED: Record<MarkKind, Expected> = {
  none: 'empty',
  tick: 'marked',
  fill: 'marked',
  cross: 'marked',
  heavy: 'marked',
  light: 'marked',
  stray: 'empty-or-review',
  'crossed-out': 'review',
};

export interface BoxTruth {
  page: number;
  candidate: number;
  question: number;
  option: number;
  kind: MarkKind;
}

export interface WriteInTruth {
  page: number;
  question: number;
  slot: number;
  written: boolean;
}

export type Profile = 'clean' | 'scanner' | 'phone';

export interface Degradation {
  profile: Profile;
  /** Quarter turns clockwise the page lies at in the image, and its further tilt. */
  turn: number;
  tiltDeg: number;
  blurPx: number;
  noise: number;
  jpegQuality: number | null;
  width: number;
  height: number;
}

export interface SyntheticPage {
  bytes: Buffer;
  mime: 'image/jpeg' | 'image/png';
  degradation: Degradation;
}

export interface SyntheticBallot {
  index: number;
  pages: SyntheticPage[];
  boxes: BoxTruth[];
  writeIns: WriteInTruth[];
  /** The ballot the voter meant (an option index, BLANK, VOID for two options marked), candidate-major. */
  marks: number[];
}

/** Share of marked boxes drawn in each style; stray dots land on empty boxes at their own rate. */
export interface Mixture {
  tick: number;
  fill: number;
  cross: number;
  heavy: number;
  light: number;
  'crossed-out': number;
  /** Of the empty boxes, the share with a stray dot or an accidental short line. */
  stray: number;
}

/** Ticks most, then filled boxes and crosses; one mark in a hundred scribbled out; a stray dot on one empty box in fifty. */
export const DEFAULT_MIXTURE: Mixture = { tick: 0.62, fill: 0.1, cross: 0.1, heavy: 0.08, light: 0.09, 'crossed-out': 0.01, stray: 0.02 };

/** mulberry32: every ballot is the same from the same seed. */
export function rngOf(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (rng: () => number, a: number, b: number) => a + (b - a) * rng();

export interface BlankBallot {
  input: MeetingExport;
  map: ReadingMap;
  dpi: number;
  /** Each page as printed, RGBA. */
  pages: { width: number; height: number; rgba: Uint8ClampedArray }[];
}

/** One blank ballot printed and rasterised (all its pages), at `dpi`. */
export async function blankBallot(input: MeetingExport, name: string, dpi = 200): Promise<BlankBallot> {
  const printed = await printToPdf(blankBallotsHtml(input, 1), name);
  const base = path.join(path.dirname(printed.file), `${name}-blank`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', printed.file, base]);
  const map = readingMapOf(input);
  const pages = [];
  for (let p = 1; p <= map.pages.length; p++) {
    const digits = String(map.pages.length).length;
    const file = `${base}-${String(p).padStart(digits, '0')}.png`;
    const image = await loadImage(readFileSync(file));
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    pages.push({ width: image.width, height: image.height, rgba: ctx.getImageData(0, 0, image.width, image.height).data });
  }
  return { input, map, dpi, pages };
}

const INKS = ['#141414', '#1a2a80', '#202060', '#2b2b2b'];

function pen(ctx: SKRSContext2D, rng: () => number, widthMm: number, px: number, colour?: string) {
  ctx.strokeStyle = colour ?? INKS[Math.floor(rng() * INKS.length)]!;
  ctx.fillStyle = ctx.strokeStyle;
  ctx.lineWidth = widthMm * px;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
}

/** A √ as two curved strokes, its size and slant varied. */
function tick(ctx: SKRSContext2D, rng: () => number, x: number, y: number, px: number, size: number) {
  const s = size * px;
  const turn = between(rng, -0.25, 0.25);
  ctx.save();
  ctx.translate(x, y);
  ctx.rotate(turn);
  ctx.beginPath();
  ctx.moveTo(-2.3 * s, between(rng, -0.6, 0.2) * s);
  ctx.quadraticCurveTo(-1.4 * s, 1.2 * s, -0.5 * s, 2.2 * s);
  ctx.quadraticCurveTo(1 * s, -0.6 * s, between(rng, 2.8, 3.8) * s, between(rng, -3.8, -2.8) * s);
  ctx.stroke();
  ctx.restore();
}

function scribble(ctx: SKRSContext2D, rng: () => number, x: number, y: number, px: number, halfMm: number, strokes: number) {
  ctx.beginPath();
  ctx.moveTo(x - halfMm * px, y - halfMm * px);
  for (let k = 0; k < strokes; k++) {
    const t = (k + 1) / strokes;
    ctx.lineTo(x + (k % 2 === 0 ? 1 : -1) * halfMm * px + between(rng, -0.4, 0.4) * px, y + (-halfMm + 2 * halfMm * t) * px);
  }
  ctx.stroke();
}

function drawMark(ctx: SKRSContext2D, rng: () => number, kind: MarkKind, x: number, y: number, px: number) {
  const size = between(rng, 0.6, 1.3);
  // Where the pen lands is never exactly the box's centre.
  const cx = x + between(rng, -0.8, 0.8) * px;
  const cy = y + between(rng, -0.8, 0.8) * px;
  if (kind === 'tick') {
    pen(ctx, rng, between(rng, 0.35, 0.7), px);
    tick(ctx, rng, cx, cy, px, size);
  } else if (kind === 'heavy') {
    pen(ctx, rng, between(rng, 0.9, 1.2), px);
    tick(ctx, rng, cx, cy, px, size);
  } else if (kind === 'light') {
    const grey = Math.round(between(rng, 0x66, 0x88));
    pen(ctx, rng, between(rng, 0.25, 0.35), px, `rgb(${grey},${grey},${grey})`);
    tick(ctx, rng, cx, cy, px, Math.max(0.85, size));
  } else if (kind === 'cross') {
    pen(ctx, rng, between(rng, 0.35, 0.7), px);
    const s = between(rng, 2, 3.2) * px;
    ctx.beginPath();
    ctx.moveTo(cx - s, cy - s);
    ctx.lineTo(cx + s, cy + s);
    ctx.moveTo(cx + s, cy - s);
    ctx.lineTo(cx - s, cy + s);
    ctx.stroke();
  } else if (kind === 'fill') {
    pen(ctx, rng, between(rng, 0.6, 1), px);
    if (rng() < 0.5) {
      ctx.fillRect(x - 2.9 * px, y - 2.9 * px, 5.8 * px, 5.8 * px);
    } else {
      // A marker run back and forth until the box is black.
      ctx.lineWidth = 1.4 * px;
      scribble(ctx, rng, x, y, px, 2.6, 14);
    }
  } else if (kind === 'crossed-out') {
    // Scribbled over with strokes a person still sees apart (a box blacked out whole is a fill).
    pen(ctx, rng, between(rng, 0.35, 0.5), px);
    tick(ctx, rng, cx, cy, px, size);
    scribble(ctx, rng, x, y, px, between(rng, 2.2, 2.8), Math.round(between(rng, 4, 6)));
  } else if (kind === 'stray') {
    pen(ctx, rng, between(rng, 0.3, 0.5), px);
    const sx = x + between(rng, -2.5, 2.5) * px;
    const sy = y + between(rng, -2.5, 2.5) * px;
    if (rng() < 0.6) {
      ctx.beginPath();
      ctx.arc(sx, sy, between(rng, 0.15, 0.4) * px, 0, 2 * Math.PI);
      ctx.fill();
    } else {
      const a = rng() * Math.PI;
      const l = between(rng, 0.5, 0.75) * px;
      ctx.beginPath();
      ctx.moveTo(sx - Math.cos(a) * l, sy - Math.sin(a) * l);
      ctx.lineTo(sx + Math.cos(a) * l, sy + Math.sin(a) * l);
      ctx.stroke();
    }
  }
}

/** Handwriting enough to be seen: a few characters of short random strokes. */
function writeName(ctx: SKRSContext2D, rng: () => number, x: number, y: number, widthMm: number, heightMm: number, px: number) {
  pen(ctx, rng, between(rng, 0.35, 0.6), px);
  const chars = 2 + Math.floor(rng() * 3);
  for (let c = 0; c < chars; c++) {
    const left = x + (2 + c * 7) * px;
    if (left + 6 * px > x + widthMm * px) break;
    for (let s = 0; s < 4 + Math.floor(rng() * 4); s++) {
      ctx.beginPath();
      ctx.moveTo(left + rng() * 6 * px, y + (heightMm - 7.5 + rng() * 6) * px);
      ctx.lineTo(left + rng() * 6 * px, y + (heightMm - 7.5 + rng() * 6) * px);
      ctx.stroke();
    }
  }
}

function pickStyle(rng: () => number, mixture: Mixture): MarkKind {
  const styles: MarkKind[] = ['tick', 'fill', 'cross', 'heavy', 'light', 'crossed-out'];
  const total = styles.reduce((sum, s) => sum + mixture[s as keyof Mixture], 0);
  let r = rng() * total;
  for (const s of styles) {
    r -= mixture[s as keyof Mixture];
    if (r <= 0) return s;
  }
  return 'tick';
}

/** The voter's intent for a ballot, then drawn: each page a canvas, with the truth of every box. */
function markBallot(blank: BlankBallot, rng: () => number, mixture: Mixture): { canvases: Canvas[]; boxes: BoxTruth[]; writeIns: WriteInTruth[]; marks: number[] } {
  const { map, input, dpi } = blank;
  const form: BallotForm = input.form;
  const px = dpi / 25.4;
  const questionCount = form.questions.length;
  const marks = new Array<number>(input.candidates.length * questionCount).fill(BLANK);
  const boxes: BoxTruth[] = [];
  const writeIns: WriteInTruth[] = [];
  // Most voters give most people one answer; some vary.
  const usual = form.questions.map((q) => Math.floor(rng() * q.options.length));
  const ticksByPost = form.questions.map(() => 0);
  const canvases = blank.pages.map((page, p) => {
    const canvas = createCanvas(page.width, page.height);
    const ctx = canvas.getContext('2d');
    const image = ctx.createImageData(page.width, page.height);
    image.data.set(page.rgba);
    ctx.putImageData(image, 0, 0);
    for (const item of map.pages[p]!.items) {
      const at = (b: { xMm: number; yMm: number }) => ({ x: (map.paperOffsetMm.x + b.xMm) * px, y: (map.paperOffsetMm.y + b.yMm) * px });
      const chosen = new Set<number>();
      if (form.kind === 'recommend') {
        const max = postMaximum(form.questions[item.question]!);
        if (ticksByPost[item.question]! < max && rng() < 0.45) chosen.add(0);
      } else {
        const r = rng();
        if (r < 0.06) {
          // 弃权: nothing marked.
        } else if (r < 0.08) {
          chosen.add(0);
          chosen.add(1 + Math.floor(rng() * (item.boxes.length - 1)));
        } else {
          chosen.add(r < 0.7 ? usual[item.question]! : Math.floor(rng() * item.boxes.length));
        }
      }
      let counted = 0;
      for (const box of item.boxes) {
        let kind: MarkKind = 'none';
        if (chosen.has(box.option)) kind = pickStyle(rng, mixture);
        else if (rng() < mixture.stray) kind = 'stray';
        const { x, y } = at(box);
        if (kind !== 'none') drawMark(ctx, rng, kind, x, y, px);
        boxes.push({ page: p + 1, candidate: item.candidate, question: item.question, option: box.option, kind });
        if (EXPECTED[kind] === 'marked') counted++;
      }
      const index = item.candidate * questionCount + item.question;
      const markedOptions = item.boxes.filter((b) => chosen.has(b.option) && boxes.find((t) => t.page === p + 1 && t.candidate === item.candidate && t.question === item.question && t.option === b.option)!.kind !== 'crossed-out');
      if (form.kind === 'recommend') {
        marks[index] = counted > 0 ? 0 : BLANK;
        if (counted > 0) ticksByPost[item.question]!++;
      } else {
        marks[index] = markedOptions.length === 0 ? BLANK : markedOptions.length > 1 ? VOID : markedOptions[0]!.option;
      }
    }
    for (const w of map.pages[p]!.writeIns) {
      const written = rng() < 0.15;
      if (written) writeName(ctx, rng, (map.paperOffsetMm.x + w.xMm) * px, (map.paperOffsetMm.y + w.yMm) * px, w.widthMm, w.heightMm, px);
      writeIns.push({ page: p + 1, question: w.question, slot: w.slot, written });
    }
    return canvas;
  });
  return { canvases, boxes, writeIns, marks };
}

function noiseAndLight(data: Uint8ClampedArray, width: number, height: number, rng: () => number, noise: number, falloff: number, shadow: { from: number; to: number; depth: number } | null) {
  // A few random values reused along the row: cheaper than one per pixel, still noise to the reader.
  const table = new Float32Array(4096);
  for (let i = 0; i < table.length; i++) table[i] = (rng() + rng() + rng() - 1.5) * noise;
  let k = Math.floor(rng() * table.length);
  for (let y = 0; y < height; y++) {
    const v = y / height;
    for (let x = 0; x < width; x++) {
      const u = x / width;
      let light = 1 - falloff * u * (0.6 + 0.4 * v);
      if (shadow && u > shadow.from && u < shadow.to) light *= 1 - shadow.depth * Math.sin(((u - shadow.from) / (shadow.to - shadow.from)) * Math.PI);
      const i = (y * width + x) * 4;
      const n = table[(k = (k + 7) & 4095)]!;
      data[i] = data[i]! * light + n;
      data[i + 1] = data[i + 1]! * light + n;
      data[i + 2] = data[i + 2]! * light * 0.97 + n;
    }
  }
}

/** A document scanner: the page turned any quarter, a degree or two of tilt, 150–300 dpi, mild blur and noise. */
async function scannerPage(page: Canvas, rng: () => number, jpegOnly = false): Promise<SyntheticPage> {
  const turn = Math.floor(rng() * 4);
  const tilt = between(rng, -2, 2);
  const scale = between(rng, 150, 300) / 200;
  const portrait = turn % 2 === 0;
  const w = Math.round((portrait ? page.width : page.height) * scale);
  const h = Math.round((portrait ? page.height : page.width) * scale);
  const out = createCanvas(w, h);
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  const blurPx = between(rng, 0.3, 0.8);
  ctx.filter = `blur(${blurPx.toFixed(2)}px)`;
  ctx.translate(w / 2 + between(rng, -15, 15), h / 2 + between(rng, -15, 15));
  ctx.rotate(((turn * 90 + tilt) * Math.PI) / 180);
  ctx.scale(scale, scale);
  ctx.drawImage(page, -page.width / 2, -page.height / 2);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.filter = 'none';
  const image = ctx.getImageData(0, 0, w, h);
  const noise = between(rng, 2, 8);
  noiseAndLight(image.data, w, h, rng, noise, between(rng, 0, 0.08), null);
  ctx.putImageData(image, 0, 0);
  const png = rng() < 0.2 && !jpegOnly;
  const quality = png ? null : Math.round(between(rng, 70, 92));
  const bytes = png ? out.toBuffer('image/png') : await out.encode('jpeg', quality!);
  return { bytes, mime: png ? 'image/png' : 'image/jpeg', degradation: { profile: 'scanner', turn, tiltDeg: tilt, blurPx, noise, jpegQuality: quality, width: w, height: h } };
}

/** Pixels per inch of a page image at A4 (its width is 210 mm): for sizes given in mm. */
function blankPx(page: Canvas): number {
  return (page.width / 210) * 25.4;
}

/**
 * A phone held over the page: the page a quadrilateral on a darker desk (each corner moved on its own,
 * in true perspective, with a slight curl of the paper), any quarter turn and a tilt, light falling
 * off to one side and a soft shadow, blur, noise, JPEG 50–85, 3000–4000 px on the long side.
 */
async function phonePage(page: Canvas, rng: () => number): Promise<SyntheticPage> {
  const long = Math.round(between(rng, 3000, 4000));
  const short = Math.round(long * 0.75);
  const turn = Math.floor(rng() * 4);
  const tilt = between(rng, -10, 10);
  const portrait = turn % 2 === 0;
  const width = portrait ? short : long;
  const height = portrait ? long : short;
  const source = page.getContext('2d').getImageData(0, 0, page.width, page.height).data;
  // Where the image's corners look on the page (page px): outside it, so desk shows round the page.
  const margin = () => between(rng, 0.1, 0.3);
  const corners = [
    { x: -margin() * page.width, y: -margin() * page.height },
    { x: (1 + margin()) * page.width, y: -margin() * page.height },
    { x: (1 + margin()) * page.width, y: (1 + margin()) * page.height },
    { x: -margin() * page.width, y: (1 + margin()) * page.height },
  ];
  const centre = { x: page.width / 2, y: page.height / 2 };
  const angle = (tilt * Math.PI) / 180;
  // Turned a quarter: the image's top-left looks at another corner of the page; tilted: all turned round the page's centre.
  const seen = [0, 1, 2, 3].map((k) => {
    const c = corners[(k + 4 - turn) % 4]!;
    const dx = c.x - centre.x;
    const dy = c.y - centre.y;
    return { x: centre.x + dx * Math.cos(angle) - dy * Math.sin(angle), y: centre.y + dx * Math.sin(angle) + dy * Math.cos(angle) };
  });
  const out = createCanvas(width, height);
  const ctx = out.getContext('2d');
  const image = ctx.createImageData(width, height);
  const data = image.data;
  const desk = [Math.round(between(rng, 60, 120)), Math.round(between(rng, 50, 100)), Math.round(between(rng, 40, 80))];
  // The camera's perspective: the image's unit square onto the quadrilateral of page points it
  // sees, in closed form (Heckbert's square-to-quadrilateral map; not the reader's 8 × 8 solve).
  const [p0, p1, p2, p3] = seen as [{ x: number; y: number }, { x: number; y: number }, { x: number; y: number }, { x: number; y: number }];
  const dx1 = p1.x - p2.x;
  const dx2 = p3.x - p2.x;
  const dx3 = p0.x - p1.x + p2.x - p3.x;
  const dy1 = p1.y - p2.y;
  const dy2 = p3.y - p2.y;
  const dy3 = p0.y - p1.y + p2.y - p3.y;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (dx3 * dy2 - dx2 * dy3) / den;
  const h = (dx1 * dy3 - dx3 * dy1) / den;
  const a = p1.x - p0.x + g * p1.x;
  const b = p3.x - p0.x + h * p3.x;
  const d = p1.y - p0.y + g * p1.y;
  const e = p3.y - p0.y + h * p3.y;
  // Paper is never quite flat: a gentle curl of up to a millimetre across the page.
  const curl = between(rng, 0, 1) * (blankPx(page) / 25.4);
  for (let y = 0; y < height; y++) {
    const v = y / (height - 1);
    for (let x = 0; x < width; x++) {
      const u = x / (width - 1);
      const w = g * u + h * v + 1;
      const sx = (a * u + b * v + p0.x) / w;
      const sy = (d * u + e * v + p0.y) / w + curl * Math.sin(Math.PI * (sx / page.width));
      const i = (y * width + x) * 4;
      const xi = sx | 0;
      const yi = sy | 0;
      if (sx >= 0 && sy >= 0 && xi < page.width - 1 && yi < page.height - 1) {
        // Bilinear sampling: a camera's pixels are averages, not nearest points.
        const fx = sx - xi;
        const fy = sy - yi;
        const j = (yi * page.width + xi) * 4;
        const j2 = j + page.width * 4;
        for (let c = 0; c < 3; c++) {
          const top = source[j + c]! + (source[j + 4 + c]! - source[j + c]!) * fx;
          const bottom = source[j2 + c]! + (source[j2 + 4 + c]! - source[j2 + c]!) * fx;
          data[i + c] = top + (bottom - top) * fy;
        }
      } else {
        data[i] = desk[0]!;
        data[i + 1] = desk[1]!;
        data[i + 2] = desk[2]!;
      }
      data[i + 3] = 255;
    }
  }
  const noise = between(rng, 4, 12);
  const falloff = between(rng, 0.2, 0.45);
  const from = between(rng, 0.1, 0.7);
  noiseAndLight(data, width, height, rng, noise, falloff, rng() < 0.5 ? { from, to: from + between(rng, 0.1, 0.3), depth: between(rng, 0.1, 0.3) } : null);
  ctx.putImageData(image, 0, 0);
  const blurPx = between(rng, 0.5, 1.5);
  let final = out;
  if (blurPx > 0.7) {
    final = createCanvas(width, height);
    const fctx = final.getContext('2d');
    fctx.filter = `blur(${blurPx.toFixed(2)}px)`;
    fctx.drawImage(out, 0, 0);
  }
  const quality = Math.round(between(rng, 50, 85));
  return { bytes: await final.encode('jpeg', quality), mime: 'image/jpeg', degradation: { profile: 'phone', turn, tiltDeg: tilt, blurPx, noise, jpegQuality: quality, width, height } };
}

function cleanPage(page: Canvas): SyntheticPage {
  return { bytes: page.toBuffer('image/png'), mime: 'image/png', degradation: { profile: 'clean', turn: 0, tiltDeg: 0, blurPx: 0, noise: 0, jpegQuality: null, width: page.width, height: page.height } };
}

export interface SyntheticOptions {
  blank: BlankBallot;
  count: number;
  seed: number;
  /** Share of phone pages (the rest scanner), or one profile for all. */
  profile: Profile | { phone: number };
  mixture?: Mixture;
  /** Scanner pages always as JPEG (for a scanner's PDF), never PNG. */
  jpegOnly?: boolean;
}

/** Ballots one at a time, so a corpus of thousands never sits in memory. */
export async function* syntheticBallots(options: SyntheticOptions): AsyncGenerator<SyntheticBallot> {
  const mixture = options.mixture ?? DEFAULT_MIXTURE;
  for (let index = 0; index < options.count; index++) {
    const rng = rngOf(options.seed * 100_003 + index);
    const marked = markBallot(options.blank, rng, mixture);
    const pages: SyntheticPage[] = [];
    for (const canvas of marked.canvases) {
      const profile = typeof options.profile === 'string' ? options.profile : rng() < options.profile.phone ? 'phone' : 'scanner';
      pages.push(profile === 'clean' ? cleanPage(canvas) : profile === 'scanner' ? await scannerPage(canvas, rng, options.jpegOnly) : await phonePage(canvas, rng));
    }
    yield { index, pages, boxes: marked.boxes, writeIns: marked.writeIns, marks: marked.marks };
  }
}

/**
 * A multi-page PDF as a document scanner writes one: each page an A4 page holding one JPEG image
 * (DCTDecode, the JPEG's bytes as they are), nothing else. Written out here by hand: a scanner's
 * PDF is this simple, and printing the images through Chromium would re-encode them.
 */
export function scannerPdf(jpegs: readonly { bytes: Buffer; width: number; height: number }[]): Buffer {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (part: string | Buffer) => {
    const b = typeof part === 'string' ? Buffer.from(part, 'latin1') : part;
    parts.push(b);
    length += b.length;
  };
  const object = (n: number, body: (string | Buffer)[]) => {
    offsets[n] = length;
    push(`${n} 0 obj\n`);
    for (const b of body) push(b);
    push('\nendobj\n');
  };
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const pageIds = jpegs.map((_, i) => 3 + i * 3);
  object(1, ['<< /Type /Catalog /Pages 2 0 R >>']);
  object(2, [`<< /Type /Pages /Count ${jpegs.length} /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] >>`]);
  jpegs.forEach((jpeg, i) => {
    const page = pageIds[i]!;
    // A4 in points; the picture stretched over the whole page, as scanners place it.
    const content = `q 595.28 0 0 841.89 0 0 cm /Im0 Do Q`;
    object(page, [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /XObject << /Im0 ${page + 1} 0 R >> >> /Contents ${page + 2} 0 R >>`]);
    object(page + 1, [`<< /Type /XObject /Subtype /Image /Width ${jpeg.width} /Height ${jpeg.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.bytes.length} >>\nstream\n`, jpeg.bytes, '\nendstream']);
    object(page + 2, [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
  });
  const xref = length;
  const count = 3 + jpegs.length * 3;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let n = 1; n < count; n++) push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

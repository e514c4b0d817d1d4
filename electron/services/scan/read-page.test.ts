/**
 * The reader on the app's own ballots as Chromium prints them (pdftoppm at 200 dpi), marked here with
 * a pen of known strokes, then photographed as a phone would: the page a smaller, distorted
 * quadrilateral in a 3000 × 4000 picture (bilinear, so not exactly the projective map the reader
 * assumes), turned any quarter and tilted, light falling off across it, noise, JPEG at 60. Every
 * page must be found, every definite item must be what was marked, and none may go to review.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { readPage } from '../../../shared/scan/read-page';
import { greyOfRgba } from '../../../shared/scan/raster';
import type { ReadingMap } from '../../../shared/scan/reading-map';
import { blankBallotsHtml, readingMapOf } from '../print/ballots';
import { BALLOT_KINDS, candidateNames, meetingFor, printToPdf } from '../print/testing/pdf';

const DPI = 200;
const PX = DPI / 25.4;

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 48271) >>> 0) % 2147483647;
    return state / 2147483647;
  };
}

async function blankPage(kind: string, candidates: number): Promise<{ map: ReadingMap; file: string }> {
  const input = meetingFor(BALLOT_KINDS[kind]!(), candidateNames(candidates));
  const printed = await printToPdf(blankBallotsHtml(input, 1), `read-${kind}-${candidates}`);
  const out = path.join(path.dirname(printed.file), `read-${kind}-${candidates}`);
  execFileSync('pdftoppm', ['-r', String(DPI), '-png', '-f', '1', '-l', '1', '-singlefile', printed.file, out]);
  return { map: readingMapOf(input), file: `${out}.png` };
}

/** Ticks in black ballpoint, blue ballpoint and grey pencil; the option each item was given. */
async function markedPage(file: string, map: ReadingMap, rng: () => number) {
  const blank = await loadImage(readFileSync(file));
  const canvas = createCanvas(blank.width, blank.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(blank, 0, 0);
  const truth = new Map<string, number>();
  for (const item of map.pages[0]!.items) {
    const option = Math.floor(rng() * item.boxes.length);
    const box = item.boxes[option]!;
    // A recommendation box is a tick or nothing: half of them left empty.
    const blankTick = item.boxes.length === 1 && rng() < 0.5;
    truth.set(`${item.candidate}/${item.question}`, blankTick ? -1 : option);
    if (blankTick) continue;
    const x = (map.paperOffsetMm.x + box.xMm + (rng() - 0.5)) * PX;
    const y = (map.paperOffsetMm.y + box.yMm + (rng() - 0.5)) * PX;
    const pen = rng();
    ctx.strokeStyle = pen < 0.4 ? '#111' : pen < 0.8 ? '#1a2a80' : '#777';
    ctx.lineWidth = (pen < 0.8 ? 0.4 + rng() * 0.4 : 0.3) * PX;
    const size = 0.7 + rng() * 0.5;
    ctx.beginPath();
    ctx.moveTo(x - 2.2 * size * PX, y);
    ctx.quadraticCurveTo(x - 1.4 * size * PX, y + 1.2 * size * PX, x - 0.6 * size * PX, y + 2.2 * size * PX);
    ctx.quadraticCurveTo(x + 1.2 * size * PX, y - 1 * size * PX, x + 3.4 * size * PX, y - 3.4 * size * PX);
    ctx.stroke();
  }
  return { rgba: ctx.getImageData(0, 0, blank.width, blank.height).data, width: blank.width, height: blank.height, truth };
}

/**
 * The picture a phone takes: each of its pixels looked up on the page through a bilinear map of
 * the frame's corners onto page points a little outside the page's own (so desk shows round it),
 * the corners moved at random and taken in a turned order; light falls off to one side; noise.
 */
async function photograph(page: { rgba: Uint8ClampedArray; width: number; height: number }, rng: () => number, turn: number): Promise<Buffer> {
  const W = 3000;
  const H = 4000;
  const portrait = turn % 2 === 0;
  const margin = () => 0.12 + rng() * 0.12;
  // Page-space corners (in page pixels) that the frame's corners look at, clockwise from top-left.
  const corners = [
    { x: -margin() * page.width, y: -margin() * page.height },
    { x: (1 + margin()) * page.width, y: -margin() * page.height },
    { x: (1 + margin()) * page.width, y: (1 + margin()) * page.height },
    { x: -margin() * page.width, y: (1 + margin()) * page.height },
  ];
  // A frame turned a quarter looks at the page's corners in another order.
  const seen = [0, 1, 2, 3].map((k) => corners[(k + turn) % 4]!);
  const width = portrait ? W : H;
  const height = portrait ? H : W;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const out = ctx.createImageData(width, height);
  const falloff = 0.35 + rng() * 0.2;
  for (let y = 0; y < height; y++) {
    const v = y / (height - 1);
    for (let x = 0; x < width; x++) {
      const u = x / (width - 1);
      const sx = (1 - u) * (1 - v) * seen[0]!.x + u * (1 - v) * seen[1]!.x + u * v * seen[2]!.x + (1 - u) * v * seen[3]!.x;
      const sy = (1 - u) * (1 - v) * seen[0]!.y + u * (1 - v) * seen[1]!.y + u * v * seen[2]!.y + (1 - u) * v * seen[3]!.y;
      const xi = Math.round(sx);
      const yi = Math.round(sy);
      const i = (y * width + x) * 4;
      let r = 90;
      let g = 80;
      let b = 70; // the desk
      if (xi >= 0 && yi >= 0 && xi < page.width && yi < page.height) {
        const j = (yi * page.width + xi) * 4;
        r = page.rgba[j]!;
        g = page.rgba[j + 1]!;
        b = page.rgba[j + 2]!;
      }
      const light = 1 - falloff * u;
      const noise = (rng() - 0.5) * 16;
      out.data[i] = r * light + noise;
      out.data[i + 1] = g * light * 0.98 + noise;
      out.data[i + 2] = b * light * 0.92 + noise;
      out.data[i + 3] = 255;
    }
  }
  ctx.putImageData(out, 0, 0);
  return canvas.encode('jpeg', 60);
}

describe.each([
  ['evaluation-4', 8],
  ['dimensions-5', 3],
  ['posts', 8],
])('%s ballots photographed with a phone', (kind, candidates) => {
  it.each([0, 1, 2, 3])('turned %i quarters: every page found, every mark read, none to review', async (turn) => {
    const { map, file } = await blankPage(kind, candidates);
    const rng = random(1000 * turn + candidates);
    const page = await markedPage(file, map, rng);
    const jpeg = await photograph(page, rng, turn);
    const photo = await loadImage(jpeg);
    const canvas = createCanvas(photo.width, photo.height);
    canvas.getContext('2d').drawImage(photo, 0, 0);
    const grey = greyOfRgba(canvas.getContext('2d').getImageData(0, 0, photo.width, photo.height).data, photo.width, photo.height);
    const reading = readPage(grey, () => ({ map }));
    expect(reading.status).toBe('read');
    if (reading.status !== 'read') return;
    // The frame looking at the page's corners one on is the page turned a quarter the other way.
    expect(reading.turn).toBe((4 - turn) % 4);
    expect(reading.code.page).toBe(1);
    const wrong: string[] = [];
    for (const item of reading.items) {
      const intended = page.truth.get(`${item.candidate}/${item.question}`)!;
      const read = item.mark === 'blank' ? -1 : item.mark;
      if (read !== intended) wrong.push(`${item.candidate}/${item.question}: marked ${intended}, read ${String(item.mark)} (${item.boxes.map((b) => `${b.class} ${b.fill.toFixed(3)}`).join(', ')})`);
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});

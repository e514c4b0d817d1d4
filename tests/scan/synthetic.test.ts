/**
 * The reader on synthetic scans of every form kind (tests/scan/synthetic.ts): ticks, fills, crosses,
 * heavy and light pens, stray dots, marks scribbled out, names written in; scanner and phone pictures.
 * Every page is found, no item or box is read definitely and wrongly, every written name goes to a
 * person, and few items go to review. (The benchmark runs the same on 2,000 ballots and more.)
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { readPage } from '../../shared/scan/read-page';
import type { PageReading } from '../../shared/scan/read-page';
import { greyOfRgba } from '../../shared/scan/raster';
import { BALLOT_KINDS, candidateNames, meetingFor } from '../../electron/services/print/testing/pdf';
import { addGrades, emptyGrade, gradeBallot } from './grade';
import { blankBallot, syntheticBallots } from './synthetic';

async function greyOf(bytes: Buffer) {
  const image = await loadImage(bytes);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return greyOfRgba(ctx.getImageData(0, 0, image.width, image.height).data, image.width, image.height);
}

describe.each([
  ['evaluation-4', 8],
  ['recommend', 8],
  ['posts', 6],
  ['dimensions-5', 3],
])('%s: synthetic scans', (kind, candidates) => {
  it('every page found, nothing read definitely wrong, every written name to a person', async () => {
    const blank = await blankBallot(meetingFor(BALLOT_KINDS[kind]!(), candidateNames(candidates)), `synthetic-${kind}`);
    let grade = emptyGrade();
    for await (const ballot of syntheticBallots({ blank, count: 6, seed: candidates, profile: { phone: 0.5 } })) {
      const readings: PageReading[] = [];
      for (const page of ballot.pages) readings.push(readPage(await greyOf(page.bytes), () => ({ map: blank.map })));
      const seen = readings.map((r, i) => `${ballot.pages[i]!.degradation.profile} t${ballot.pages[i]!.degradation.turn} ${ballot.pages[i]!.degradation.tiltDeg.toFixed(1)}° → ${r.status === "read" ? `t${r.turn} ${r.tiltDeg.toFixed(1)}° ${r.pxPerMm.toFixed(1)}px/mm` : r.status}`).join("; ");
      grade = addGrades(grade, gradeBallot(ballot, readings, blank.input.form.questions.length, `${kind} #${ballot.index} (${seen})`));
    }
    if (process.env.SCAN_DEBUG) console.log(JSON.stringify(grade.unrecognised));
    expect(grade.recognised).toBe(grade.pages);
    if (process.env.SCAN_DEBUG) console.log(JSON.stringify({ items: grade.wrongItems, boxes: grade.wrongBoxes }, null, 1));
    expect(grade.wrongItems).toEqual([]);
    expect(grade.wrongBoxes).toEqual([]);
    expect(grade.writeInsMissed).toBe(0);
    // A small sample: the benchmark holds the 2 % target over thousands.
    expect(grade.review / grade.items).toBeLessThan(0.1);
  }, 240_000);
});

/**
 * One share of the scan benchmark, in a process of its own (the parent runs two, one per core):
 * synthetic ballots of one form made and read one at a time; prints one JSON line with the grade
 * and the time each page took to decode and read (what a user waits for; making the picture is not
 * counted).
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { readPage } from '../../shared/scan/read-page';
import type { PageReading } from '../../shared/scan/read-page';
import { greyOfRgba } from '../../shared/scan/raster';
import { BALLOT_KINDS, candidateNames, meetingFor } from '../../electron/services/print/testing/pdf';
import { addGrades, emptyGrade, gradeBallot } from '../scan/grade';
import { blankBallot, syntheticBallots } from '../scan/synthetic';

const { kind, candidates, count, seed, phone } = JSON.parse(process.argv[2]!) as { kind: string; candidates: number; count: number; seed: number; phone: number };
const blank = await blankBallot(meetingFor(BALLOT_KINDS[kind]!(), candidateNames(candidates)), `bench-${kind}-${seed}`);
let grade = emptyGrade();
const times: number[] = [];
const byProfile: Record<string, number[]> = { scanner: [], phone: [] };
for await (const ballot of syntheticBallots({ blank, count, seed, profile: { phone } })) {
  const readings: PageReading[] = [];
  for (const page of ballot.pages) {
    const start = performance.now();
    const image = await loadImage(page.bytes);
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const grey = greyOfRgba(ctx.getImageData(0, 0, image.width, image.height).data, image.width, image.height);
    readings.push(readPage(grey, () => ({ map: blank.map })));
    const ms = performance.now() - start;
    times.push(ms);
    byProfile[page.degradation.profile]?.push(ms);
  }
  grade = addGrades(grade, gradeBallot(ballot, readings, blank.input.form.questions.length, `${kind} seed ${seed} #${ballot.index}`));
}
console.log(JSON.stringify({ grade, times, byProfile, ballots: count }));

/**
 * A reading held against the truth of a synthetic ballot: what a user of the count would check.
 * An item read as definite but not what the voter marked is *wrong* (the count would be wrong); a box
 * read definitely against what its ink is (a crossed-out mark counted, a mark missed) is wrong too,
 * even where the item still came out right; an item held for a person is *review*.
 */
import type { PageReading } from '../../shared/scan/read-page';
import { BLANK, VOID } from '../../shared/schema/values';
import type { SyntheticBallot } from './synthetic';
import { EXPECTED } from './synthetic';

export interface Grade {
  pages: number;
  recognised: number;
  items: number;
  review: number;
  wrongItems: string[];
  wrongBoxes: string[];
  /** What the boxes held that made items go to review, by kind (a box read doubtful or crossed out). */
  reviewCauses: Record<string, number>;
  /** Pages not found, with what the reader said. */
  unrecognised: string[];
  writeIns: number;
  writeInsMissed: number;
}

export function emptyGrade(): Grade {
  return { pages: 0, recognised: 0, items: 0, review: 0, wrongItems: [], wrongBoxes: [], reviewCauses: {}, unrecognised: [], writeIns: 0, writeInsMissed: 0 };
}

export function addGrades(a: Grade, b: Grade): Grade {
  return {
    pages: a.pages + b.pages,
    recognised: a.recognised + b.recognised,
    items: a.items + b.items,
    review: a.review + b.review,
    wrongItems: [...a.wrongItems, ...b.wrongItems],
    wrongBoxes: [...a.wrongBoxes, ...b.wrongBoxes],
    unrecognised: [...a.unrecognised, ...b.unrecognised],
    reviewCauses: Object.fromEntries([...new Set([...Object.keys(a.reviewCauses), ...Object.keys(b.reviewCauses)])].map((k) => [k, (a.reviewCauses[k] ?? 0) + (b.reviewCauses[k] ?? 0)])),
    writeIns: a.writeIns + b.writeIns,
    writeInsMissed: a.writeInsMissed + b.writeInsMissed,
  };
}

export function gradeBallot(ballot: SyntheticBallot, readings: PageReading[], questionCount: number, label: string): Grade {
  const grade = emptyGrade();
  readings.forEach((reading, p) => {
    grade.pages++;
    const page = p + 1;
    if (reading.status !== 'read' || reading.code.page !== page) {
      grade.unrecognised.push(`${label} p${page}: ${reading.status === 'unrecognised' ? reading.reason : reading.status === 'refused' ? reading.reason : `page ${reading.code.page}`}`);
      return;
    }
    grade.recognised++;
    for (const item of reading.items) {
      grade.items++;
      const at = `${label} p${page} ${item.candidate}/${item.question}`;
      for (const box of item.boxes) {
        const truth = ballot.boxes.find((b) => b.page === page && b.candidate === item.candidate && b.question === item.question && b.option === box.option)!;
        const expected = EXPECTED[truth.kind];
        const definite = box.class === 'marked' || box.class === 'empty';
        const wrong =
          (expected === 'marked' && box.class === 'empty') ||
          (expected === 'empty' && box.class === 'marked') ||
          (expected === 'empty-or-review' && box.class === 'marked') ||
          (expected === 'review' && definite);
        if (wrong) grade.wrongBoxes.push(`${at} option ${box.option}: ${truth.kind} read ${box.class} (fill ${box.fill.toFixed(3)}, span ${box.spanMm.toFixed(1)}, crossings ${box.crossings.toFixed(1)})`);
      }
      if (item.mark === null) {
        grade.review++;
        for (const box of item.boxes) {
          if (box.class !== 'doubtful' && box.class !== 'crossed-out') continue;
          const truth = ballot.boxes.find((b) => b.page === page && b.candidate === item.candidate && b.question === item.question && b.option === box.option)!;
          const cause = `${truth.kind}→${box.class}`;
          grade.reviewCauses[cause] = (grade.reviewCauses[cause] ?? 0) + 1;
        }
        continue;
      }
      const read = item.mark === 'blank' ? BLANK : item.mark === 'void' ? VOID : item.mark;
      const intended = ballot.marks[item.candidate * questionCount + item.question]!;
      if (read !== intended) grade.wrongItems.push(`${at}: meant ${intended}, read ${read}`);
    }
    for (const w of reading.writeIns) {
      const truth = ballot.writeIns.find((t) => t.page === page && t.question === w.question && t.slot === w.slot)!;
      if (truth.written) {
        grade.writeIns++;
        if (!w.written) grade.writeInsMissed++;
      }
    }
  });
  return grade;
}

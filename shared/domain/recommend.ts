/**
 * Counting rules of recommendation ballots with one or more posts (主任, 委员 …), applied to a
 * valid ballot before it is counted. The marks stay as the paper shows them; these rules decide
 * what counts:
 *  - a person ticked (or written in) for two posts counts for the higher post only (posts are in
 *    order, highest first);
 *  - a post with more persons than its maximum is void on that ballot: none of its ticks count.
 * A single-post ballot with too many persons is wholly invalid instead (docs/architecture.md import contract);
 * that is decided when the ballot is stored (ballot.ts, overSelectionReason).
 */
import type { BallotRecord, ItemMark, WriteIn } from './ballot';
import { BLANK, VOID } from './ballot';
import type { BallotForm } from './forms';
import { postMaximum } from './forms';
import { nameKey } from '../format/text';

export interface CountedRecommendation {
  marks: ItemMark[];
  writeIns: WriteIn[];
  /** Posts void on this ballot because they were over-ticked. */
  voidPosts: number[];
}

export function countedRecommendation(form: BallotForm, ballot: Pick<BallotRecord, 'marks' | 'writeIns'>): CountedRecommendation {
  const questionCount = form.questions.length;
  const marks = [...ballot.marks];
  const candidateCount = marks.length / questionCount;
  let writeIns = ballot.writeIns;

  if (questionCount > 1) {
    // Higher post only: drop a tick (or written-in name) that a higher post already has.
    for (let c = 0; c < candidateCount; c++) {
      let taken = false;
      for (let q = 0; q < questionCount; q++) {
        const item = c * questionCount + q;
        if (marks[item] !== 0) continue;
        if (taken) marks[item] = BLANK;
        taken = true;
      }
    }
    // The same person however spelled (Ａ and A: names.ts).
    const seen = new Set<string>();
    writeIns = [...writeIns]
      .sort((a, b) => a.question - b.question)
      .filter((w) => {
        const key = nameKey(w.name);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  }

  const voidPosts: number[] = [];
  form.questions.forEach((question, q) => {
    let chosen = writeIns.filter((w) => w.question === q).length;
    for (let c = 0; c < candidateCount; c++) if (marks[c * questionCount + q] === 0) chosen++;
    if (chosen > postMaximum(question)) voidPosts.push(q);
  });
  if (voidPosts.length > 0) {
    for (let c = 0; c < candidateCount; c++) {
      for (const q of voidPosts) marks[c * questionCount + q] = VOID;
    }
    writeIns = writeIns.filter((w) => !voidPosts.includes(w.question));
  }
  return { marks, writeIns, voidPosts };
}

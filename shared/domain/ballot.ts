/**
 * A ballot as counted: whole-valid or whole-invalid (with the reason), and per item (candidate ×
 * question) an option, a blank (弃权) or a void mark. Marks are small integers so that 100,000
 * ballots × 30 candidates tally in well under a second.
 */
import type { BallotForm } from './forms';
import type { BallotRecord } from '../schema/meeting';
import { BLANK, VOID } from '../schema/values';
import { zh } from '../messages/zh-CN';

// A ballot's fields are declared once, by its schema (shared/schema/meeting.ts).
export type { BallotRecord, WriteIn } from '../schema/meeting';
export { BLANK, VOID } from '../schema/values';

/** An option index (0-based, form order), BLANK or VOID. */
export type ItemMark = number;

export function itemIndex(candidateIndex: number, questionIndex: number, questionCount: number): number {
  return candidateIndex * questionCount + questionIndex;
}

export function isValidBallot(ballot: BallotRecord): boolean {
  return ballot.invalidReason === null;
}

/** Why a ballot cannot belong to this form and candidate list, or null when it can. */
export function ballotShapeProblem(form: BallotForm, candidateCount: number, ballot: BallotRecord): string | null {
  const questionCount = form.questions.length;
  if (!Number.isSafeInteger(ballot.number) || ballot.number < 1) return zh.ballot.numberNotPositive(String(ballot.number));
  if (ballot.marks.length !== candidateCount * questionCount) {
    return zh.ballot.wrongItemCount(ballot.number, ballot.marks.length, candidateCount * questionCount);
  }
  for (let item = 0; item < ballot.marks.length; item++) {
    const mark = ballot.marks[item]!;
    const question = form.questions[item % questionCount]!;
    if (mark !== BLANK && mark !== VOID && !(Number.isInteger(mark) && mark >= 0 && mark < question.options.length)) {
      return zh.ballot.markOutOfRange(ballot.number, item + 1, String(mark));
    }
  }
  if (ballot.writeIns.length > 0 && !form.recommend?.writeInsAllowed) {
    return zh.ballot.writeInsNotAllowed(ballot.number);
  }
  for (const writeIn of ballot.writeIns) {
    if (!Number.isInteger(writeIn.question) || writeIn.question < 0 || writeIn.question >= questionCount || writeIn.name.trim() === '') {
      return zh.ballot.badWriteIn(ballot.number);
    }
  }
  return null;
}

/** Persons chosen for each post of a recommendation ballot: ticks plus written-in names. */
export function selectionsByPost(form: BallotForm, ballot: Pick<BallotRecord, 'marks' | 'writeIns'>): number[] {
  const questionCount = form.questions.length;
  const counts = form.questions.map(() => 0);
  ballot.marks.forEach((mark, item) => {
    if (mark === 0) counts[item % questionCount]!++;
  });
  for (const writeIn of ballot.writeIns) counts[writeIn.question] = (counts[writeIn.question] ?? 0) + 1;
  return counts;
}

/**
 * Why a recommendation ballot with a single post is wholly invalid: more persons than allowed.
 * (On a ballot with several posts, over-ticking one post voids only that post; see recommend.ts.)
 */
export function overSelectionReason(form: BallotForm, ballot: Pick<BallotRecord, 'marks' | 'writeIns'>): string | null {
  if (form.kind !== 'recommend' || form.questions.length !== 1) return null;
  const chosen = selectionsByPost(form, ballot)[0]!;
  const max = form.questions[0]!.maxSelections ?? 1;
  return chosen > max ? zh.ballot.overSelected(chosen, max) : null;
}

/**
 * A ballot as counted: whole-valid or whole-invalid (with the reason), and per item (candidate ×
 * question) an option, a blank (弃权) or a void mark. Marks are small integers so that 100,000
 * ballots × 30 candidates tally in well under a second.
 */
import type { BallotForm } from './forms';
import { zh } from '../messages/zh-CN';

/** Item left blank: an abstention (弃权), or "no tick" on a recommendation ballot. */
export const BLANK = -1;
/** Item void: two options marked for one candidate, or a mark that cannot be read. */
export const VOID = -2;

/** An option index (0-based, form order), BLANK or VOID. */
export type ItemMark = number;

export interface BallotRecord {
  /** The ballot number (票号), unique within a meeting. */
  number: number;
  /** Null for a valid ballot; otherwise why the whole ballot is invalid (废票). */
  invalidReason: string | null;
  /** One mark per item, candidate-major: marks[candidate × questionCount + question]. */
  marks: ItemMark[];
  /** Names written in (另推他人), normalised; recommendation forms only. */
  writeIns: string[];
}

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
  return null;
}

/** Number of persons chosen on a recommendation ballot: ticks plus written-in names. */
export function selectionsOnBallot(ballot: BallotRecord): number {
  let ticks = 0;
  for (const mark of ballot.marks) if (mark === 0) ticks++;
  return ticks + ballot.writeIns.length;
}

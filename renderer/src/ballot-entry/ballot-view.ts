/** How a ballot's marks read on screen: one character per item in lists, a label in the draft. */
import type { ItemMark } from '../../../shared/domain/ballot';
import { BLANK, VOID } from '../../../shared/domain/ballot';
import type { BallotForm } from '../../../shared/domain/forms';
import { zh } from '../../../shared/messages/zh-CN';

export interface EntryItem {
  /** Index into the ballot's marks. */
  item: number;
  candidate: number;
  question: number;
  candidateName: string;
  questionLabel: string | null;
}

export function entryItems(form: BallotForm, candidateNames: readonly string[]): EntryItem[] {
  const multi = form.questions.length > 1;
  return candidateNames.flatMap((candidateName, candidate) =>
    form.questions.map((question, q) => ({
      item: candidate * form.questions.length + q,
      candidate,
      question: q,
      candidateName,
      questionLabel: multi ? question.label : null,
    })),
  );
}

export function markLabel(form: BallotForm, item: number, mark: ItemMark): string {
  const question = form.questions[item % form.questions.length]!;
  if (mark === BLANK) return form.kind === 'recommend' ? zh.noTick : zh.abstain;
  if (mark === VOID) return zh.ui.entry.voidItem;
  return form.kind === 'recommend' ? '√' : (question.options[mark]?.label ?? '?');
}

export function markShort(form: BallotForm, item: number, mark: ItemMark): string {
  const question = form.questions[item % form.questions.length]!;
  if (mark === BLANK) return form.kind === 'recommend' ? zh.ui.entry.shortNoTick : zh.ui.entry.shortAbstain;
  if (mark === VOID) return zh.ui.entry.shortVoid;
  return question.options[mark]?.short ?? '?';
}

export function ballotSummary(form: BallotForm, marks: readonly ItemMark[]): string {
  return marks.map((mark, item) => markShort(form, item, mark)).join(' ');
}

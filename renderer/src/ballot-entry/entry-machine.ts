/**
 * The keyboard contract of docs/architecture.md as a pure state machine: a key becomes an action, an action
 * turns the draft ballot into the next draft and, when the ballot is done, a ballot to commit.
 * The tally screen only wires keys to this; the tests here are the contract's tests.
 */
import type { ItemMark, WriteIn } from '../../../shared/domain/ballot';
import type { BallotForm } from '../../../shared/domain/forms';
import { BLANK, VOID } from '../../../shared/domain/ballot';
import { toHalfWidthDigits } from '../../../shared/format/text';
import { sameName } from '../../../shared/domain/names';
import type { CorrectionOpener } from '../../../shared/schema/records';

export interface EntryLayout {
  /** Items on a ballot, candidate-major (candidates × questions). */
  itemCount: number;
  /** Options of the question each item asks (k for keys 1…k). */
  optionCounts: readonly number[];
  /** Questions asked per candidate (posts, on a recommendation form). */
  questionCount: number;
  /** Whether names may be written in (recommendation forms that allow 另推他人). */
  writeInsAllowed: boolean;
}

export interface EntryDraft {
  marks: ItemMark[];
  /** Names written in on this ballot (recommendation forms), per post. */
  writeIns: WriteIn[];
  /** The item the next key marks; itemCount when every item is marked. */
  cursor: number;
  /**
   * Items entered so far (0…filled-1 hold marks); at least the cursor. The arrow keys move the cursor
   * back among them, so a mark can be overwritten without clearing those after it.
   */
  filled: number;
  /** Set while a committed ballot is reopened for correction, with the key that opened it. */
  correcting: { ballotId: string; number: number; wasInvalid: string | null; openedBy: CorrectionOpener } | null;
}

export type EntryAction =
  | { type: 'mark'; option: number }
  | { type: 'blank' }
  | { type: 'void-item' }
  | { type: 'fill-rest'; option: number }
  | { type: 'commit' }
  | { type: 'repeat-previous' }
  | { type: 'invalid-ballot' }
  | { type: 'back' }
  | { type: 'move'; by: -1 | 1 }
  | { type: 'clear' }
  | { type: 'reopen-last' }
  | { type: 'write-in' }
  | { type: 'add-write-in'; question: number; name: string }
  | { type: 'remove-write-in'; question: number }
  | { type: 'jump' }
  | { type: 'delete' };

/** What the screen must do after an action. */
export type EntryEffect =
  | { kind: 'none' }
  | { kind: 'commit'; marks: ItemMark[]; writeIns: WriteIn[]; correcting: EntryDraft['correcting'] }
  | { kind: 'repeat-previous' }
  | { kind: 'choose-invalid-reason' }
  | { kind: 'reopen-last' }
  | { kind: 'open-write-in'; question: number }
  /** "+" right after a ballot was saved: reopen it to add the names read out after its ticks. */
  | { kind: 'write-in-for-last' }
  | { kind: 'choose-ballot-number' }
  | { kind: 'choose-delete-reason'; ballotId: string; number: number }
  | { kind: 'rejected'; reason: 'option-out-of-range' | 'draft-not-empty' | 'no-write-ins' | 'not-correcting' | 'ballot-full' };

export interface EntryStep {
  draft: EntryDraft;
  effect: EntryEffect;
}

/** The layout of a form's ballot: items candidate by candidate, question by question. */
export function entryLayout(form: BallotForm, candidateCount: number, options: { writeIns: boolean }): EntryLayout {
  const optionCounts: number[] = [];
  for (let c = 0; c < candidateCount; c++) for (const question of form.questions) optionCounts.push(question.options.length);
  return {
    itemCount: optionCounts.length,
    optionCounts,
    questionCount: form.questions.length,
    writeInsAllowed: options.writeIns && form.kind === 'recommend' && Boolean(form.recommend?.writeInsAllowed),
  };
}

export function emptyDraft(layout: EntryLayout): EntryDraft {
  return { marks: new Array<ItemMark>(layout.itemCount).fill(BLANK), writeIns: [], cursor: 0, filled: 0, correcting: null };
}

/** A draft that shows a committed ballot for correction, cursor after its last item. */
export function correctionDraft(
  layout: EntryLayout,
  ballot: { id: string; number: number; marks: readonly ItemMark[]; writeIns: readonly WriteIn[]; invalidReason: string | null },
  openedBy: CorrectionOpener,
): EntryDraft {
  const correcting = { ballotId: ballot.id, number: ballot.number, wasInvalid: ballot.invalidReason, openedBy };
  // An invalid ballot's marks do not count; its correction starts from an empty ballot.
  if (ballot.invalidReason !== null) return { ...emptyDraft(layout), correcting };
  return { marks: [...ballot.marks], writeIns: [...ballot.writeIns], cursor: layout.itemCount, filled: layout.itemCount, correcting };
}

export function isDraftEmpty(draft: EntryDraft): boolean {
  return draft.filled === 0 && draft.correcting === null && draft.writeIns.length === 0;
}

/** The post the next write-in is for: the question of the item under the cursor (the last post at the end). */
export function currentQuestion(draft: EntryDraft, layout: EntryLayout): number {
  const item = Math.min(draft.cursor, layout.itemCount - 1);
  return item < 0 ? 0 : item % layout.questionCount;
}

interface KeyLike {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
  keyCode?: number;
}

/**
 * Maps a keydown to an action, or null for keys the contract does not use (they do nothing).
 * optionCount is k of the current item: Shift+8 means "fill with 8" only on forms with 8 options,
 * and "*" (Shift+8 on most keyboards) otherwise.
 */
export function actionForKey(event: KeyLike, optionCount: number): EntryAction | null {
  // An input method is composing: the key belongs to it, not to the ballot.
  if (event.isComposing || event.keyCode === 229) return null;
  if (event.altKey) return null;
  if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z') return { type: 'reopen-last' };
  if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'g') return { type: 'jump' };
  if (event.ctrlKey || event.metaKey) return null;

  const digitFromCode = /^Digit([0-9])$/.exec(event.code);
  if (event.shiftKey && digitFromCode) {
    const n = Number(digitFromCode[1]);
    // Shift+8 types "*" on most layouts: it is "same as previous" unless the form has an 8th option.
    if (n >= 1 && n <= 9 && !(event.key === '*' && optionCount < 8)) {
      return { type: 'fill-rest', option: n - 1 };
    }
  }

  // Keypad digits count by position, so they work whether NumLock is on ("4") or off ("ArrowLeft").
  const keypadDigit = /^Numpad([0-9])$/.exec(event.code);
  // The arrow keys themselves (not the keypad's, which are digits above) move among the candidates.
  if (!keypadDigit && !event.shiftKey) {
    if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') return { type: 'move', by: -1 };
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') return { type: 'move', by: 1 };
  }
  const key = keypadDigit ? keypadDigit[1]! : toHalfWidthDigits(event.key);
  switch (key) {
    case 'Enter':
      return { type: 'commit' };
    case 'Backspace':
      return { type: 'back' };
    case 'Escape':
      return { type: 'clear' };
    case 'Delete':
      return { type: 'delete' };
    case '+':
    case '＋':
      return { type: 'write-in' };
    case ' ':
    case '\u3000':
    case '0':
      return { type: 'blank' };
    case '-':
    case '－':
      return { type: 'void-item' };
    case '/':
    case '／':
      return { type: 'invalid-ballot' };
    case '*':
    case '＊':
      return { type: 'repeat-previous' };
    default:
      break;
  }
  if (/^[1-9]$/.test(key)) return { type: 'mark', option: Number(key) - 1 };
  return null;
}

/** Marks the item under the cursor (overwriting it when the cursor was moved back) and moves on. */
function withMark(draft: EntryDraft, mark: ItemMark): EntryDraft {
  const marks = [...draft.marks];
  marks[draft.cursor] = mark;
  const cursor = draft.cursor + 1;
  return { ...draft, marks, cursor, filled: Math.max(draft.filled, cursor) };
}

function finishIfComplete(draft: EntryDraft, layout: EntryLayout): EntryStep {
  // Only marking the last item commits: an overwrite further back leaves the ballot open for Enter.
  if (draft.cursor >= layout.itemCount) {
    return { draft: { ...emptyDraft(layout) }, effect: { kind: 'commit', marks: draft.marks, writeIns: draft.writeIns, correcting: draft.correcting } };
  }
  return { draft, effect: { kind: 'none' } };
}

export function applyEntryAction(draft: EntryDraft, action: EntryAction, layout: EntryLayout): EntryStep {
  const none = (next: EntryDraft): EntryStep => ({ draft: next, effect: { kind: 'none' } });
  const atEnd = draft.cursor >= layout.itemCount;
  // Only a reopened ballot can stand with every item marked: a key that would mark one more says why it did nothing.
  const full: EntryStep = { draft, effect: { kind: 'rejected', reason: 'ballot-full' } };
  switch (action.type) {
    case 'mark': {
      if (atEnd) return full;
      if (action.option >= (layout.optionCounts[draft.cursor] ?? 0)) {
        return { draft, effect: { kind: 'rejected', reason: 'option-out-of-range' } };
      }
      return finishIfComplete(withMark(draft, action.option), layout);
    }
    case 'blank':
      return atEnd ? full : finishIfComplete(withMark(draft, BLANK), layout);
    case 'void-item':
      return atEnd ? full : finishIfComplete(withMark(draft, VOID), layout);
    case 'fill-rest': {
      if (atEnd) return full;
      const marks = [...draft.marks];
      for (let item = draft.cursor; item < layout.itemCount; item++) {
        if (action.option >= (layout.optionCounts[item] ?? 0)) {
          return { draft, effect: { kind: 'rejected', reason: 'option-out-of-range' } };
        }
        marks[item] = action.option;
      }
      return finishIfComplete({ ...draft, marks, cursor: layout.itemCount, filled: layout.itemCount }, layout);
    }
    case 'commit':
      return {
        draft: emptyDraft(layout),
        // Items not reached are blank; a reopened ballot keeps the marks it was shown with, also after the cursor.
        effect: {
          kind: 'commit',
          marks: draft.marks.map((m, i) => (i < draft.filled ? m : BLANK)),
          writeIns: draft.writeIns,
          correcting: draft.correcting,
        },
      };
    case 'repeat-previous':
      return draft.filled === 0 && draft.correcting === null ? { draft, effect: { kind: 'repeat-previous' } } : none(draft);
    case 'invalid-ballot':
      return { draft, effect: { kind: 'choose-invalid-reason' } };
    case 'back': {
      if (draft.cursor === 0) return none(draft);
      const marks = [...draft.marks];
      marks[draft.cursor - 1] = BLANK;
      // From the last item entered the ballot gets shorter; further back the item is only cleared.
      const filled = draft.cursor === draft.filled ? draft.cursor - 1 : draft.filled;
      return none({ ...draft, marks, cursor: draft.cursor - 1, filled });
    }
    case 'move':
      return none({ ...draft, cursor: Math.min(Math.max(draft.cursor + action.by, 0), draft.filled) });
    case 'clear':
      return none(emptyDraft(layout));
    case 'reopen-last':
      return { draft, effect: isDraftEmpty(draft) ? { kind: 'reopen-last' } : { kind: 'rejected', reason: 'draft-not-empty' } };
    case 'jump':
      return { draft, effect: isDraftEmpty(draft) ? { kind: 'choose-ballot-number' } : { kind: 'rejected', reason: 'draft-not-empty' } };
    case 'delete':
      return draft.correcting
        ? { draft, effect: { kind: 'choose-delete-reason', ballotId: draft.correcting.ballotId, number: draft.correcting.number } }
        : { draft, effect: { kind: 'rejected', reason: 'not-correcting' } };
    case 'write-in':
      if (!layout.writeInsAllowed) return { draft, effect: { kind: 'rejected', reason: 'no-write-ins' } };
      return isDraftEmpty(draft)
        ? { draft, effect: { kind: 'write-in-for-last' } }
        : { draft, effect: { kind: 'open-write-in', question: currentQuestion(draft, layout) } };
    case 'add-write-in': {
      // One person once per post, however the name was typed the second time (Ａ and A: names.ts).
      if (draft.writeIns.some((w) => w.question === action.question && sameName(w.name, action.name))) return none(draft);
      return none({ ...draft, writeIns: [...draft.writeIns, { question: action.question, name: action.name }] });
    }
    case 'remove-write-in': {
      const index = draft.writeIns.map((w) => w.question).lastIndexOf(action.question);
      return index < 0 ? none(draft) : none({ ...draft, writeIns: draft.writeIns.filter((_, i) => i !== index) });
    }
  }
}

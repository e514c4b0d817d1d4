import { describe, expect, it } from 'vitest';
import { BLANK, VOID } from '../../../shared/domain/ballot';
import type { EntryAction, EntryDraft, EntryEffect, EntryLayout } from './entry-machine';
import { actionForKey, applyEntryAction, correctionDraft, emptyDraft } from './entry-machine';

const key = (k: string, extra: Partial<{ code: string; shiftKey: boolean; ctrlKey: boolean; isComposing: boolean; keyCode: number }> = {}) => ({
  key: k,
  code: extra.code ?? '',
  shiftKey: extra.shiftKey ?? false,
  ctrlKey: extra.ctrlKey ?? false,
  metaKey: false,
  altKey: false,
  isComposing: extra.isComposing ?? false,
  keyCode: extra.keyCode ?? 0,
});

describe('keys to actions (docs/architecture.md keyboard table)', () => {
  it('maps digits, full-width digits and the keypad to options', () => {
    expect(actionForKey(key('1', { code: 'Digit1' }), 4)).toEqual({ type: 'mark', option: 0 });
    expect(actionForKey(key('４'), 4)).toEqual({ type: 'mark', option: 3 });
    expect(actionForKey(key('3', { code: 'Numpad3' }), 4)).toEqual({ type: 'mark', option: 2 });
    // NumLock off: the keypad sends arrows, but the key's position still means its digit.
    expect(actionForKey(key('ArrowLeft', { code: 'Numpad4' }), 4)).toEqual({ type: 'mark', option: 3 });
    expect(actionForKey(key('Insert', { code: 'Numpad0' }), 4)).toEqual({ type: 'blank' });
  });
  it('maps 0 and Space to blank, - to void, / to invalid, * to repeat, Enter, Backspace, Escape', () => {
    expect(actionForKey(key('0'), 4)).toEqual({ type: 'blank' });
    expect(actionForKey(key(' ', { code: 'Space' }), 4)).toEqual({ type: 'blank' });
    expect(actionForKey(key('-', { code: 'NumpadSubtract' }), 4)).toEqual({ type: 'void-item' });
    expect(actionForKey(key('/'), 4)).toEqual({ type: 'invalid-ballot' });
    expect(actionForKey(key('*', { code: 'NumpadMultiply' }), 4)).toEqual({ type: 'repeat-previous' });
    expect(actionForKey(key('Enter'), 4)).toEqual({ type: 'commit' });
    expect(actionForKey(key('Backspace'), 4)).toEqual({ type: 'back' });
    expect(actionForKey(key('Escape'), 4)).toEqual({ type: 'clear' });
    expect(actionForKey(key('z', { ctrlKey: true }), 4)).toEqual({ type: 'reopen-last' });
  });
  it('maps Shift+digit by key position, whatever character the layout types', () => {
    expect(actionForKey(key('!', { code: 'Digit1', shiftKey: true }), 4)).toEqual({ type: 'fill-rest', option: 0 });
    expect(actionForKey(key('@', { code: 'Digit2', shiftKey: true }), 4)).toEqual({ type: 'fill-rest', option: 1 });
  });
  it('reads Shift+8 as "*" unless the form has eight options', () => {
    expect(actionForKey(key('*', { code: 'Digit8', shiftKey: true }), 4)).toEqual({ type: 'repeat-previous' });
    expect(actionForKey(key('*', { code: 'Digit8', shiftKey: true }), 8)).toEqual({ type: 'fill-rest', option: 7 });
  });
  it('ignores keys while an input method is composing', () => {
    expect(actionForKey(key('1', { isComposing: true }), 4)).toBeNull();
    expect(actionForKey(key('Process', { keyCode: 229 }), 4)).toBeNull();
  });
  it('ignores other keys', () => {
    expect(actionForKey(key('a'), 4)).toBeNull();
    expect(actionForKey(key('c', { ctrlKey: true }), 4)).toBeNull();
  });
});

const layout: EntryLayout = { itemCount: 3, optionCounts: [4, 4, 4], questionCount: 1, writeInsAllowed: false };

function run(actions: EntryAction[], start: EntryDraft = emptyDraft(layout)): { draft: EntryDraft; effects: EntryEffect[] } {
  let draft = start;
  const effects: EntryEffect[] = [];
  for (const action of actions) {
    const step = applyEntryAction(draft, action, layout);
    draft = step.draft;
    if (step.effect.kind !== 'none') effects.push(step.effect);
  }
  return { draft, effects };
}

describe('entering a ballot', () => {
  it('marks candidate after candidate and commits by itself after the last', () => {
    const { draft, effects } = run([{ type: 'mark', option: 0 }, { type: 'blank' }, { type: 'void-item' }]);
    expect(effects).toEqual([{ kind: 'commit', marks: [0, BLANK, VOID], writeIns: [], correcting: null }]);
    expect(draft).toEqual(emptyDraft(layout));
  });

  it('fills the current and remaining candidates with Shift+digit and commits', () => {
    const { effects } = run([{ type: 'mark', option: 2 }, { type: 'fill-rest', option: 1 }]);
    expect(effects).toEqual([{ kind: 'commit', marks: [2, 1, 1], writeIns: [], correcting: null }]);
  });

  it('commits on Enter with candidates not reached left blank', () => {
    const { effects } = run([{ type: 'mark', option: 3 }, { type: 'commit' }]);
    expect(effects).toEqual([{ kind: 'commit', marks: [3, BLANK, BLANK], writeIns: [], correcting: null }]);
  });

  it('steps back and clears with Backspace, and clears the whole ballot with Escape', () => {
    const back = run([{ type: 'mark', option: 0 }, { type: 'mark', option: 1 }, { type: 'back' }]);
    expect(back.draft).toEqual({ marks: [0, BLANK, BLANK], writeIns: [], cursor: 1, filled: 1, correcting: null });
    const cleared = run([{ type: 'mark', option: 0 }, { type: 'clear' }]);
    expect(cleared.draft).toEqual(emptyDraft(layout));
  });

  it('rejects an option number the form does not have, without moving', () => {
    const { draft, effects } = run([{ type: 'mark', option: 4 }]);
    expect(effects).toEqual([{ kind: 'rejected', reason: 'option-out-of-range' }]);
    expect(draft.cursor).toBe(0);
  });

  it('asks for a reason on "/" and for the previous ballot on "*" (only on an empty draft)', () => {
    expect(run([{ type: 'invalid-ballot' }]).effects).toEqual([{ kind: 'choose-invalid-reason' }]);
    expect(run([{ type: 'repeat-previous' }]).effects).toEqual([{ kind: 'repeat-previous' }]);
    expect(run([{ type: 'mark', option: 0 }, { type: 'repeat-previous' }]).effects).toEqual([]);
  });

  it('reopens the last ballot only from an empty draft', () => {
    expect(run([{ type: 'reopen-last' }]).effects).toEqual([{ kind: 'reopen-last' }]);
    expect(run([{ type: 'mark', option: 0 }, { type: 'reopen-last' }]).effects).toEqual([{ kind: 'rejected', reason: 'draft-not-empty' }]);
  });

  it('corrects a reopened ballot: Backspace then a new mark commits the correction', () => {
    const start = correctionDraft(layout, { id: 'b1', number: 7, marks: [0, 1, 2], writeIns: [], invalidReason: null }, 'ctrl-z');
    expect(start.cursor).toBe(3);
    const { effects } = run([{ type: 'back' }, { type: 'mark', option: 3 }], start);
    expect(effects).toEqual([{ kind: 'commit', marks: [0, 1, 3], writeIns: [], correcting: { ballotId: 'b1', number: 7, wasInvalid: null, openedBy: 'ctrl-z' } }]);
  });

  it('keeps a reopened ballot as it was when Enter is pressed at once', () => {
    const start = correctionDraft(layout, { id: 'b1', number: 7, marks: [0, 1, 2], writeIns: [], invalidReason: null }, 'ctrl-g');
    expect(run([{ type: 'commit' }], start).effects).toEqual([
      { kind: 'commit', marks: [0, 1, 2], writeIns: [], correcting: { ballotId: 'b1', number: 7, wasInvalid: null, openedBy: 'ctrl-g' } },
    ]);
  });

  it('corrects the first candidate of a reopened ballot with the arrow keys, keeping the marks after it', () => {
    const start = correctionDraft(layout, { id: 'b1', number: 7, marks: [0, 1, 2], writeIns: [], invalidReason: null }, 'ctrl-g');
    const moved = run([{ type: 'move', by: -1 }, { type: 'move', by: -1 }, { type: 'move', by: -1 }, { type: 'move', by: -1 }], start);
    expect(moved.draft.cursor).toBe(0);
    // The digit overwrites the mark under the cursor and moves on; nothing is saved until Enter.
    const overwritten = run([{ type: 'mark', option: 3 }], moved.draft);
    expect(overwritten.effects).toEqual([]);
    expect(overwritten.draft).toMatchObject({ marks: [3, 1, 2], cursor: 1, filled: 3 });
    expect(run([{ type: 'commit' }], overwritten.draft).effects).toEqual([
      { kind: 'commit', marks: [3, 1, 2], writeIns: [], correcting: { ballotId: 'b1', number: 7, wasInvalid: null, openedBy: 'ctrl-g' } },
    ]);
  });

  it('moves the cursor only among the candidates already entered on a new ballot', () => {
    const typed = run([{ type: 'mark', option: 0 }, { type: 'move', by: 1 }, { type: 'move', by: -1 }, { type: 'move', by: -1 }]);
    expect(typed.draft).toMatchObject({ cursor: 0, filled: 1 });
    const fixed = run([{ type: 'mark', option: 2 }, { type: 'move', by: 1 }, { type: 'mark', option: 1 }], typed.draft);
    expect(fixed.draft).toMatchObject({ marks: [2, 1, BLANK], cursor: 2, filled: 2 });
  });

  it('says why a digit, a blank or a fill did nothing on a ballot with every candidate marked', () => {
    const start = correctionDraft(layout, { id: 'b1', number: 7, marks: [0, 1, 2], writeIns: [], invalidReason: null }, 'ctrl-z');
    for (const action of [{ type: 'mark', option: 0 }, { type: 'blank' }, { type: 'void-item' }, { type: 'fill-rest', option: 0 }] as EntryAction[]) {
      const step = applyEntryAction(start, action, layout);
      expect(step.effect).toEqual({ kind: 'rejected', reason: 'ballot-full' });
      expect(step.draft).toBe(start);
    }
  });

  it('maps the arrow keys to moving the cursor, but not the keypad with NumLock off', () => {
    expect(actionForKey(key('ArrowLeft', { code: 'ArrowLeft' }), 4)).toEqual({ type: 'move', by: -1 });
    expect(actionForKey(key('ArrowUp', { code: 'ArrowUp' }), 4)).toEqual({ type: 'move', by: -1 });
    expect(actionForKey(key('ArrowRight', { code: 'ArrowRight' }), 4)).toEqual({ type: 'move', by: 1 });
    expect(actionForKey(key('ArrowDown', { code: 'ArrowDown' }), 4)).toEqual({ type: 'move', by: 1 });
    expect(actionForKey(key('ArrowRight', { code: 'Numpad6' }), 4)).toEqual({ type: 'mark', option: 5 });
  });
});

describe('the keyboard contract on forms with several questions and write-ins', () => {
  // Two candidates × two posts (主任, 委员), one option each; write-ins allowed.
  const posts: EntryLayout = { itemCount: 4, optionCounts: [1, 1, 1, 1], questionCount: 2, writeInsAllowed: true };

  it('goes question by question, candidate by candidate; names written in during the ballot go with it', () => {
    let draft = emptyDraft(posts);
    draft = applyEntryAction(draft, { type: 'mark', option: 0 }, posts).draft;
    expect(applyEntryAction(draft, { type: 'write-in' }, posts).effect).toEqual({ kind: 'open-write-in', question: 1 });
    draft = applyEntryAction(draft, { type: 'add-write-in', question: 1, name: '丁' }, posts).draft;
    draft = applyEntryAction(draft, { type: 'blank' }, posts).draft;
    draft = applyEntryAction(draft, { type: 'blank' }, posts).draft;
    // The last mark commits the ballot by itself, as on every form.
    expect(applyEntryAction(draft, { type: 'mark', option: 0 }, posts).effect).toEqual({
      kind: 'commit',
      marks: [0, BLANK, BLANK, 0],
      writeIns: [{ question: 1, name: '丁' }],
      correcting: null,
    });
  });

  it('takes a name written in twice for one post once, however it was typed the second time', () => {
    let draft = emptyDraft(posts);
    draft = applyEntryAction(draft, { type: 'mark', option: 0 }, posts).draft;
    draft = applyEntryAction(draft, { type: 'add-write-in', question: 1, name: 'Ａ组王明' }, posts).draft;
    draft = applyEntryAction(draft, { type: 'add-write-in', question: 1, name: 'A组王明' }, posts).draft;
    draft = applyEntryAction(draft, { type: 'add-write-in', question: 0, name: 'A组王明' }, posts).draft;
    expect(draft.writeIns).toEqual([
      { question: 1, name: 'Ａ组王明' },
      { question: 0, name: 'A组王明' },
    ]);
  });

  it('after a ballot is saved, + reopens it to add the names read out after its ticks', () => {
    expect(applyEntryAction(emptyDraft(posts), { type: 'write-in' }, posts).effect).toEqual({ kind: 'write-in-for-last' });
    const reopened = correctionDraft(posts, { id: 'b3', number: 3, marks: [0, BLANK, BLANK, 0], writeIns: [], invalidReason: null }, 'ctrl-z');
    expect(applyEntryAction(reopened, { type: 'write-in' }, posts).effect).toEqual({ kind: 'open-write-in', question: 1 });
  });

  it('maps + to write-in, Ctrl+G to jump to a ballot, Delete to deleting a reopened ballot', () => {
    expect(actionForKey(key('+', { code: 'NumpadAdd' }), 1)).toEqual({ type: 'write-in' });
    expect(actionForKey(key('g', { ctrlKey: true }), 1)).toEqual({ type: 'jump' });
    expect(actionForKey(key('Delete'), 1)).toEqual({ type: 'delete' });
    expect(applyEntryAction(emptyDraft(layout), { type: 'delete' }, layout).effect).toEqual({ kind: 'rejected', reason: 'not-correcting' });
    const reopened = correctionDraft(layout, { id: 'b9', number: 9, marks: [0, 0, 0], writeIns: [], invalidReason: null }, 'ctrl-g');
    expect(applyEntryAction(reopened, { type: 'delete' }, layout).effect).toEqual({ kind: 'choose-delete-reason', ballotId: 'b9', number: 9 });
    expect(applyEntryAction(emptyDraft(layout), { type: 'write-in' }, layout).effect).toEqual({ kind: 'rejected', reason: 'no-write-ins' });
  });
});

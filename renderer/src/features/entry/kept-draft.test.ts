import { beforeEach, describe, expect, it } from 'vitest';
import { BLANK } from '../../../../shared/domain/ballot';
import type { BallotRow } from '../../db/records';
import type { EntryLayout } from '../../ballot-entry/entry-machine';
import { correctionDraft, emptyDraft } from '../../ballot-entry/entry-machine';
import { clearKeptDraft, keepDraft, keptDraft } from './kept-draft';

/** The browser's localStorage, as far as the kept draft uses it (Vitest runs these tests in Node). */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const layout: EntryLayout = { itemCount: 3, optionCounts: [4, 4, 4], questionCount: 1, writeInsAllowed: false };

function row(id: string, number: number, supersedes: string | null = null): BallotRow {
  return {
    id,
    workbookId: 'w',
    meetingId: 'm',
    deviceId: 'd',
    seq: number,
    enteredAt: '2026-12-02T08:00:00.000Z',
    pass: 1,
    supersedes,
    deleted: false,
    note: null,
    number,
    invalidReason: null,
    marks: [0, 1, 2],
    writeIns: [],
    group: null,
  };
}

describe('the draft kept over a reload', () => {
  beforeEach(() => {
    (globalThis as { window?: unknown }).window = { localStorage: new MemoryStorage() };
  });

  it('gives back a half-typed ballot for its meeting and pass only, until it is cleared', () => {
    const draft = { ...emptyDraft(layout), marks: [2, BLANK, BLANK], cursor: 1, filled: 1 };
    keepDraft('m', 1, draft);
    expect(keptDraft('m', 1, layout, [])).toEqual(draft);
    expect(keptDraft('m', 2, layout, [])).toBeNull();
    expect(keptDraft('other', 1, layout, [])).toBeNull();
    clearKeptDraft('m', 1);
    expect(keptDraft('m', 1, layout, [])).toBeNull();
  });

  it('drops a draft that no longer fits the meeting, or corrects a version that has since been replaced', () => {
    keepDraft('m', 1, { ...emptyDraft(layout), marks: [2, BLANK], cursor: 1, filled: 1 });
    expect(keptDraft('m', 1, layout, [])).toBeNull();
    keepDraft('m', 1, { ...emptyDraft(layout), marks: [7, BLANK, BLANK], cursor: 1, filled: 1 });
    expect(keptDraft('m', 1, layout, [])).toBeNull();

    const correction = correctionDraft(layout, row('b1', 1), 'ctrl-g');
    keepDraft('m', 1, correction);
    expect(keptDraft('m', 1, layout, [row('b1', 1)])).toEqual(correction);
    keepDraft('m', 1, correction);
    expect(keptDraft('m', 1, layout, [row('b1', 1), row('b2', 1, 'b1')])).toBeNull();
    // Dropped for good: not offered again.
    expect(keptDraft('m', 1, layout, [row('b1', 1)])).toBeNull();
  });
});

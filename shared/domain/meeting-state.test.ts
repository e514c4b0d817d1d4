import { describe, expect, it } from 'vitest';
import { presetForm } from './forms';
import { DEFAULT_QUORUM } from './meeting';
import { currentRows, meetingBallots, withAliases } from './meeting-state';
import type { BallotRow, MeetingRecord, ResolutionRecord } from './records';

let seq = 0;
function row(number: number, marks: number[], extra: Partial<BallotRow> = {}): BallotRow {
  seq++;
  return {
    id: `w:d:${seq}`,
    workbookId: 'w',
    meetingId: 'm',
    deviceId: 'd',
    seq,
    enteredAt: `2026-11-29T08:00:${String(seq).padStart(2, '0')}Z`,
    pass: 1,
    supersedes: null,
    deleted: false,
    note: null,
    number,
    invalidReason: null,
    marks,
    writeIns: [],
    group: null,
    ...extra,
  };
}

const meeting: MeetingRecord = {
  id: 'm',
  workbookId: 'w',
  title: '测评',
  date: '2026-11-29',
  formSourceId: 'evaluation-4',
  form: presetForm('evaluation-4'),
  candidates: [{ personId: 'p', name: '甲', currentPost: '', proposedPost: '' }],
  counts: { expected: 3, present: 3, issued: 3, returned: 3 },
  quorum: DEFAULT_QUORUM,
  groups: null,
  doubleEntry: true,
  announce: 'open',
  finalized: null,
  writeInAliases: [],
  createdAt: '',
  updatedAt: '',
};

describe('which ballots count', () => {
  it('follows corrections and deletions', () => {
    const a = row(1, [0]);
    const b = row(2, [1]);
    const corrected = row(1, [2], { supersedes: a.id });
    const deleted = row(2, [1], { supersedes: b.id, deleted: true });
    expect(currentRows([a, b, corrected, deleted]).map((r) => r.id)).toEqual([corrected.id]);
  });

  it('counts agreeing ballots, settled differences by their choice, and lists the unsettled', () => {
    const rows = [row(1, [0]), row(2, [1]), row(3, [2]), row(1, [0], { pass: 2 }), row(2, [3], { pass: 2 }), row(3, [3], { pass: 2 }), row(3, [1], { pass: 3 })];
    const resolutions: ResolutionRecord[] = [{ id: 'm:3', meetingId: 'm', number: 3, choice: 'reentered', at: '' }];
    const state = meetingBallots(meeting, rows, resolutions);
    expect(state.differences.map((d) => d.number)).toEqual([2, 3]);
    expect(state.unresolved).toEqual([2]);
    // 1 agrees; 2 unsettled (the first pass stands in); 3 re-entered.
    expect(state.counted.map((r) => [r.number, r.marks[0], r.pass])).toEqual([
      [1, 0, 1],
      [2, 1, 1],
      [3, 1, 3],
    ]);
    const second = meetingBallots(meeting, rows, [...resolutions, { id: 'm:2', meetingId: 'm', number: 2, choice: 'second', at: '' }]);
    expect(second.unresolved).toEqual([]);
    expect(second.counted.find((r) => r.number === 2)!.marks).toEqual([3]);
  });

  it('merges write-in spellings, counting one person once per ballot', () => {
    const ballot = row(1, [0], { writeIns: [{ question: 0, name: '赵 一' }, { question: 0, name: '赵一' }] });
    expect(withAliases([ballot], [{ question: 0, from: '赵 一', to: '赵一' }])[0]!.writeIns).toEqual([{ question: 0, name: '赵一' }]);
  });
});

import { describe, expect, it } from 'vitest';
import type { BallotRecord } from './ballot';
import { BLANK, VOID } from './ballot';
import { parseBallotGrid } from './ballot-grid';
import { recommendationForm } from './forms';
import { fraction } from './fraction';
import { DEFAULT_QUORUM } from './meeting';
import { countedRecommendation } from './recommend';
import { tally } from './tally';

// Two posts on one ballot: 主任 (1 person), then 委员 (2 persons). Marks are candidate-major: [甲主任, 甲委员, 乙主任, 乙委员, 丙主任, 丙委员].
const form = recommendationForm([
  { label: '主任', maxSelections: 1 },
  { label: '委员', maxSelections: 2 },
]);
const candidates = ['甲', '乙', '丙'];
const T = 0;
const _ = BLANK;

const ballot = (number: number, marks: number[], writeIns: BallotRecord['writeIns'] = []): BallotRecord => ({ number, invalidReason: null, marks, writeIns });

describe('recommendation with two posts', () => {
  it('voids only the over-ticked post of a ballot', () => {
    // 主任: 甲 and 乙 ticked (max 1: void); 委员: 丙 ticked (counts).
    const counted = countedRecommendation(form, { marks: [T, _, T, _, _, T], writeIns: [] });
    expect(counted.voidPosts).toEqual([0]);
    expect(counted.marks).toEqual([VOID, _, VOID, _, VOID, T]);
  });

  it('counts a person ticked for two posts for the higher post only', () => {
    const counted = countedRecommendation(form, { marks: [T, T, _, T, _, _], writeIns: [] });
    expect(counted.marks).toEqual([T, _, _, T, _, _]);
    expect(counted.voidPosts).toEqual([]);
  });

  it('decides the higher post first, then the maximum: a dropped duplicate does not void the lower post', () => {
    // 委员 holds 甲 (also 主任), 乙, 丙: after dropping 甲 it holds 2 = max.
    const counted = countedRecommendation(form, { marks: [T, T, _, T, _, T], writeIns: [] });
    expect(counted.voidPosts).toEqual([]);
    expect(counted.marks).toEqual([T, _, _, T, _, T]);
  });

  it('counts written-in names against their post, and once across posts', () => {
    const counted = countedRecommendation(form, {
      marks: [_, T, _, _, _, _],
      writeIns: [
        { question: 0, name: '丁' },
        { question: 1, name: '丁' },
        { question: 1, name: '戊' },
      ],
    });
    expect(counted.writeIns).toEqual([
      { question: 0, name: '丁' },
      { question: 1, name: '戊' },
    ]);
    expect(counted.voidPosts).toEqual([]);
  });

  it('tallies an example by hand: votes, void posts, 得票率 over returned, ranks per post, write-ins', () => {
    const ballots = [
      ballot(1, [T, _, _, T, _, T]), // 主任 甲; 委员 乙 丙
      ballot(2, [T, _, T, _, _, T]), // 主任 甲 乙 → void; 委员 丙
      ballot(3, [_, T, T, T, _, _]), // 主任 乙; 委员 甲 (乙 dropped: higher post)
      ballot(4, [_, _, _, T, _, _], [{ question: 0, name: '丁' }]), // 主任 丁 (written in); 委员 乙
      { ...ballot(5, [T, T, T, T, T, T]), invalidReason: '无法辨认' },
    ];
    const result = tally({ form, candidates, counts: { expected: 5, present: 5, issued: 5, returned: 5 }, quorum: DEFAULT_QUORUM, ballots });
    const votes = result.candidates.map((c) => c.questions.map((q) => q.counts['得票']));
    // By hand: 主任 甲 1 (b1), 乙 1 (b3), 丙 0; 委员 甲 1 (b3), 乙 2 (b1, b4), 丙 2 (b1, b2).
    expect(votes).toEqual([
      [1, 1],
      [1, 2],
      [0, 2],
    ]);
    expect(result.voidPosts).toEqual([1, 0]);
    expect(result.meeting.valid).toBe(4);
    expect(result.candidates.map((c) => c.ranks)).toEqual([
      [1, 3],
      [1, 1],
      [3, 1],
    ]);
    expect(result.candidates[1]!.rates.map((r) => [r.name, r.numerator, r.denominator])).toEqual([
      ['主任得票率', 1, 5],
      ['委员得票率', 2, 5],
    ]);
    expect(result.writeIns).toEqual([{ question: 0, name: '丁', votes: 1 }]);
    // Per post and candidate: 得票 + 未选 + 无效 = valid ballots.
    for (const candidate of result.candidates) {
      for (const q of candidate.questions) expect(q.counts['得票']! + q.blank + q.void).toBe(4);
    }
  });

  it('suggests a second round for a post whose top 得票率 is not above the configured value', () => {
    const withHint = { ...form, recommend: { writeInsAllowed: true, secondRound: { comparison: '<=' as const, threshold: fraction(1, 2) } } };
    const ballots = [ballot(1, [T, _, _, T, _, _]), ballot(2, [T, _, _, _, _, T]), ballot(3, [_, _, T, _, _, _])];
    const result = tally({ form: withHint, candidates, counts: { expected: 3, present: 3, issued: 3, returned: 3 }, quorum: DEFAULT_QUORUM, ballots });
    // 主任: 甲 2/3 > 1/2 → no; 委员: 乙 1/3, 丙 1/3 → yes.
    expect(result.secondRound.map((h) => [h.question, h.needed, h.topShare?.numerator])).toEqual([
      [0, false, 2],
      [1, true, 1],
    ]);
  });

  it('imports a grid with 姓名/岗位 columns and 另推他人/岗位 columns', () => {
    const parsed = parseBallotGrid(
      {
        source: 'two-posts.csv',
        sheet: null,
        rows: [
          { rowNumber: 1, cells: ['票号', '甲/主任', '甲/委员', '乙/主任', '乙/委员', '另推他人/主任', '另推他人1/委员'] },
          { rowNumber: 2, cells: ['1', '√', '', '', '√', '', '丁'] },
          { rowNumber: 3, cells: ['2', '', '', '', '', '乙', ''] },
        ],
      },
      recommendationForm([
        { label: '主任', maxSelections: 1 },
        { label: '委员', maxSelections: 2 },
      ]),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.candidates).toEqual(['甲', '乙']);
    expect(parsed.value.ballots.map((b) => [b.marks, b.writeIns])).toEqual([
      [[T, _, _, T], [{ question: 1, name: '丁' }]],
      [[_, _, T, _], []],
    ]);
  });
});

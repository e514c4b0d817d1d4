import { describe, expect, it } from 'vitest';
import type { BallotRecord } from './ballot';
import { BLANK } from './ballot';
import { presetForm } from './forms';
import type { RespondentGroup } from './groups';
import { tallyByGroup } from './groups';
import { DEFAULT_QUORUM } from './meeting';

// satisfaction-3: 满意=0 基本满意=1 不满意=2; 满意率 = (满意 + 基本满意) ÷ 有效票, flagged below 90%.
const form = presetForm('satisfaction-3');
const ballot = (number: number, mark: number, group: string | null, invalid = false): BallotRecord => ({
  number,
  invalidReason: invalid ? '无法辨认' : null,
  marks: [mark],
  writeIns: [],
  group,
});

const groups: RespondentGroup[] = [
  { id: 'party', label: '党员', weight: 0.7, counts: null },
  { id: 'public', label: '群众', weight: 0.3, counts: { expected: 6, present: 5, issued: 5, returned: 5 } },
  { id: 'reps', label: '村民代表', weight: null, counts: null },
];

// 党员: 4 ballots, 满意 满意 不满意 基本满意 → 3 of 4 satisfied.
// 群众: 5 ballots, 满意 blank 不满意 不满意 + 1 invalid → valid 4, satisfied 1.
// 村民代表: 2 ballots, 满意 满意 (not weighted).
// 1 ballot without a group, 满意.
const ballots = [
  ballot(1, 0, 'party'),
  ballot(2, 0, 'party'),
  ballot(3, 2, 'party'),
  ballot(4, 1, 'party'),
  ballot(5, 0, 'public'),
  ballot(6, BLANK, 'public'),
  ballot(7, 2, 'public'),
  ballot(8, 2, 'public'),
  ballot(9, 0, 'public', true),
  ballot(10, 0, 'reps'),
  ballot(11, 0, 'reps'),
  ballot(12, 0, null),
];

describe('respondent groups', () => {
  const grouped = tallyByGroup(
    { form, candidates: ['甲'], counts: { expected: 14, present: 12, issued: 12, returned: 12 }, quorum: DEFAULT_QUORUM, ballots },
    groups,
  );

  it('gives each group its own subtotal, computed by hand', () => {
    const byLabel = Object.fromEntries(grouped.groups.map((g) => [g.group.label, g]));
    expect(byLabel['党员']!.result.candidates[0]!.questions[0]!.counts).toEqual({ 满意: 2, 基本满意: 1, 不满意: 1, 弃权: 0, 无效: 0 });
    expect(byLabel['党员']!.result.candidates[0]!.rates[0]).toMatchObject({ numerator: 3, denominator: 4, value: 0.75 });
    expect(byLabel['群众']!.result.meeting).toMatchObject({ entered: 5, valid: 4, invalid: 1, returned: 5 });
    expect(byLabel['群众']!.result.candidates[0]!.rates[0]).toMatchObject({ numerator: 1, denominator: 4, value: 0.25 });
    expect(byLabel['村民代表']!.result.candidates[0]!.rates[0]).toMatchObject({ numerator: 2, denominator: 2 });
    // Without recorded counts a group's entered ballots stand in for them.
    expect(byLabel['党员']!.counts).toEqual({ expected: 4, present: 4, issued: 4, returned: 4 });
    expect(grouped.ungrouped).toBe(1);
  });

  it('combines every ballot, grouped or not', () => {
    expect(grouped.combined.meeting).toMatchObject({ entered: 12, valid: 11, invalid: 1 });
    // satisfied: 党员 3 + 群众 1 + 代表 2 + ungrouped 1 = 7 of 11.
    expect(grouped.combined.candidates[0]!.rates[0]).toMatchObject({ numerator: 7, denominator: 11 });
  });

  it('weights the weighted groups only: (0.7 × 3/4 + 0.3 × 1/4) ÷ 1.0 = 0.6, flagged below 90%', () => {
    const rate = grouped.weighted![0]!.rates[0]!;
    expect(rate.value).toBeCloseTo(0.7 * 0.75 + 0.3 * 0.25, 12);
    expect(rate.parts.map((p) => [p.groupId, p.weight, p.value])).toEqual([
      ['party', 0.7, 0.75],
      ['public', 0.3, 0.25],
    ]);
    expect(rate.flagged?.severity).toBe('warning');
  });

  it('compares a weighted rate with its threshold exactly, at the boundary', () => {
    // 党员 9/10 and 群众 9/10 with weights 0.7 and 0.3: exactly 90%, which is not below 90%.
    const exact = [
      ...Array.from({ length: 10 }, (_, i) => ballot(i + 1, i < 9 ? 0 : 2, 'party')),
      ...Array.from({ length: 10 }, (_, i) => ballot(i + 11, i < 9 ? 1 : 2, 'public')),
    ];
    const result = tallyByGroup(
      { form, candidates: ['甲'], counts: { expected: 20, present: 20, issued: 20, returned: 20 }, quorum: DEFAULT_QUORUM, ballots: exact },
      groups,
    );
    expect(result.weighted![0]!.rates[0]!.flagged).toBeNull();
  });

  it('has no weighted result when no group is weighted', () => {
    const unweighted = tallyByGroup(
      { form, candidates: ['甲'], counts: { expected: 12, present: 12, issued: 12, returned: 12 }, quorum: DEFAULT_QUORUM, ballots },
      groups.map((g) => ({ ...g, weight: null })),
    );
    expect(unweighted.weighted).toBeNull();
  });
});

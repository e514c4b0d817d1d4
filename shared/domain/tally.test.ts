import { describe, expect, it } from 'vitest';
import type { BallotRecord } from './ballot';
import { BLANK, VOID } from './ballot';
import { presetForm } from './forms';
import { fraction } from './fraction';
import type { MeetingCounts, QuorumRule } from './meeting';
import { DEFAULT_QUORUM } from './meeting';
import { TallyInputError, tally } from './tally';
import { meetingOutcome } from './outcome';
import { zh } from '../messages/zh-CN';

const ballot = (number: number, marks: number[], invalidReason: string | null = null, writeIns: string[] = []): BallotRecord => ({
  number,
  marks,
  invalidReason,
  writeIns: writeIns.map((name) => ({ question: 0, name })),
});

const counts = (expected: number, present: number, issued: number, returned: number): MeetingCounts => ({
  expected,
  present,
  issued,
  returned,
});

describe('tally of an evaluation meeting', () => {
  const form = presetForm('evaluation-4');
  // 优秀=0 称职=1 基本称职=2 不称职=3
  const ballots = [
    ballot(1, [0, 1]),
    ballot(2, [0, BLANK]),
    ballot(3, [3, VOID]),
    ballot(4, [1, 0], '无法辨认'),
    ballot(5, [0, 3]),
  ];
  const result = tally({ form, candidates: ['甲', '乙'], counts: counts(6, 5, 5, 5), quorum: DEFAULT_QUORUM, ballots });

  it('counts options, blanks and void items over valid ballots only', () => {
    expect(result.meeting).toEqual({ expected: 6, present: 5, issued: 5, returned: 5, entered: 5, valid: 4, invalid: 1 });
    expect(result.candidates[0]!.questions[0]!.counts).toEqual({ 优秀: 3, 称职: 0, 基本称职: 0, 不称职: 1, 弃权: 0, 无效: 0 });
    expect(result.candidates[1]!.questions[0]!.counts).toEqual({ 优秀: 0, 称职: 1, 基本称职: 0, 不称职: 1, 弃权: 1, 无效: 1 });
  });

  it('gives each rate its numerator, denominator and exact value', () => {
    const rates = Object.fromEntries(result.candidates[0]!.rates.map((r) => [r.name, [r.numerator, r.denominator, r.value]]));
    expect(rates).toEqual({ 优秀率: [3, 4, 0.75], 称职以上率: [3, 4, 0.75], 不称职率: [1, 4, 0.25] });
  });

  it('flags a rate only when its comparison holds', () => {
    // 乙: 称职以上率 1/4 < 2/3 (warning); 不称职率 1/4 is not > 1/3.
    expect(result.candidates[1]!.flags.map((f) => [f.rate, f.severity])).toEqual([['称职以上率', 'warning']]);
    expect(result.candidates[0]!.flags).toEqual([]);
  });

  it('is valid when every check passes', () => {
    expect(result.status).toBe('valid');
    expect(result.checks.map((c) => c.id)).toEqual([
      'quorum',
      'min-present',
      'returned-within-issued',
      'issued-within-present',
      'entered-equals-returned',
      'item-totals',
    ]);
    expect(result.checks.every((c) => c.ok)).toBe(true);
  });
});

describe('meeting status', () => {
  const form = presetForm('approval-3');
  const ballots = [ballot(1, [0]), ballot(2, [1]), ballot(3, [2])];
  const run = (meeting: MeetingCounts, quorum: QuorumRule = DEFAULT_QUORUM, list = ballots) =>
    tally({ form, candidates: ['丙'], counts: meeting, quorum, ballots: list });

  it('is void when more ballots are returned than issued', () => {
    const result = run(counts(3, 3, 2, 3));
    expect(result.status).toBe('void');
    const check = result.checks.find((c) => c.id === 'returned-within-issued')!;
    expect(check.ok).toBe(false);
    expect(check.message).toContain('多于发出');
  });

  it('is void when the quorum is not met, and "more than half" fails at exactly half', () => {
    const strictHalf: QuorumRule = { comparison: '>', threshold: fraction(1, 2), minPresent: null };
    expect(run(counts(6, 3, 3, 3), strictHalf).status).toBe('void');
    expect(run(counts(6, 4, 3, 3), strictHalf).status).toBe('valid');
    expect(run(counts(6, 4, 3, 3)).status).toBe('valid'); // 4/6 ≥ 2/3 exactly
    expect(run(counts(7, 4, 3, 3)).status).toBe('void'); // 4/7 < 2/3
  });

  it('is void below an absolute minimum attendance', () => {
    const result = run(counts(3, 3, 3, 3), { ...DEFAULT_QUORUM, minPresent: 50 });
    expect(result.status).toBe('void');
    expect(result.checks.find((c) => c.id === 'min-present')!.ok).toBe(false);
  });

  it('is incomplete while entered differs from returned, either way', () => {
    expect(run(counts(4, 4, 4, 4)).status).toBe('incomplete');
    const over = run(counts(2, 2, 2, 2));
    expect(over.status).toBe('incomplete');
    expect(over.checks.find((c) => c.id === 'entered-equals-returned')!.message).toContain('可能重复唱票或录入');
  });

  it('is never valid with nobody present or nobody expected: 0 of 0 is no quorum', () => {
    const nobodyExpected = run(counts(0, 3, 3, 3));
    expect(nobodyExpected.status).toBe('void');
    expect(nobodyExpected.checks.find((c) => c.id === 'quorum')).toMatchObject({ ok: false, message: expect.stringContaining('应到人数为 0') });
    const nobodyPresent = run(counts(5, 0, 0, 0), DEFAULT_QUORUM, []);
    expect(nobodyPresent.status).toBe('void');
    expect(nobodyPresent.checks.find((c) => c.id === 'quorum')).toMatchObject({ ok: false, message: expect.stringContaining('实到 0 人') });
    const nothingAtAll = run(counts(0, 0, 0, 0), DEFAULT_QUORUM, []);
    expect(nothingAtAll.status).not.toBe('valid');
    const outcome = meetingOutcome({ form, candidates: ['丙'], counts: counts(0, 0, 0, 0), quorum: DEFAULT_QUORUM, ballots: [] });
    expect(outcome.resultsStand).toBe(false);
    expect(outcome.statusReasons.join('；')).toContain('应到人数为 0');
  });

  it('warns but stays valid when more ballots are issued than people present', () => {
    const result = run(counts(3, 3, 4, 3));
    expect(result.status).toBe('valid');
    expect(result.checks.find((c) => c.id === 'issued-within-present')).toMatchObject({ ok: false, severity: 'warning' });
  });

  it('counts the 弃权 option and blank items as one 弃权 count', () => {
    const result = run(counts(4, 4, 4, 4), DEFAULT_QUORUM, [...ballots, ballot(4, [BLANK])]);
    expect(result.candidates[0]!.questions[0]!.counts).toEqual({ 赞成: 1, 不赞成: 1, 弃权: 2, 无效: 0 });
  });
});

describe('recommendation tally', () => {
  const form = presetForm('recommend', { maxSelections: 2 });
  const candidates = ['甲', '乙', '丙', '丁'];
  const ballots = [
    ballot(1, [0, 0, BLANK, BLANK]),
    ballot(2, [0, BLANK, 0, BLANK]),
    ballot(3, [BLANK, 0, BLANK, BLANK], null, ['戊']),
    ballot(4, [BLANK, BLANK, 0, BLANK], null, ['戊']),
    ballot(5, [0, 0, 0, BLANK], '超过规定人数'),
  ];
  const result = tally({ form, candidates, counts: counts(5, 5, 5, 5), quorum: DEFAULT_QUORUM, ballots });

  it('rates votes over returned ballots, not valid ones', () => {
    const 甲 = result.candidates[0]!;
    expect(甲.questions[0]!.counts).toEqual({ 得票: 2 });
    expect(甲.rates[0]).toMatchObject({ name: '得票率', numerator: 2, denominator: 5, value: 0.4 });
  });

  it('ranks with ties sharing a rank', () => {
    expect(result.candidates.map((c) => c.rank)).toEqual([1, 1, 1, 4]);
  });

  it('counts write-ins from valid ballots', () => {
    expect(result.writeIns).toEqual([{ question: 0, name: '戊', votes: 2 }]);
  });

  it('flags 过半 only when strictly more than half', () => {
    const half = tally({
      form,
      candidates: ['甲'],
      counts: counts(4, 4, 4, 4),
      quorum: DEFAULT_QUORUM,
      ballots: [ballot(1, [0]), ballot(2, [0]), ballot(3, [BLANK]), ballot(4, [BLANK])],
    });
    expect(half.candidates[0]!.flags).toEqual([]);
    const more = tally({
      form,
      candidates: ['甲'],
      counts: counts(3, 3, 3, 3),
      quorum: DEFAULT_QUORUM,
      ballots: [ballot(1, [0]), ballot(2, [0]), ballot(3, [BLANK])],
    });
    expect(more.candidates[0]!.flags.map((f) => f.severity)).toEqual(['info']);
  });

  it('with more ballots entered than returned, raises no flag and lets no rate stand (4 of 2 is not 过半)', () => {
    const input = {
      form,
      candidates: ['甲'],
      counts: counts(2, 2, 2, 2),
      quorum: DEFAULT_QUORUM,
      ballots: [ballot(1, [0]), ballot(2, [0]), ballot(3, [0]), ballot(4, [0])],
    };
    const over = tally(input);
    expect(over.status).toBe('incomplete');
    expect(over.candidates[0]!.rates[0]).toMatchObject({ numerator: 4, denominator: 2 });
    expect(over.candidates[0]!.flags).toEqual([]);
    const outcome = meetingOutcome(input);
    expect(outcome.resultsStand).toBe(false);
    expect(outcome.wording).toBe('over-entered');
    expect(zh.statusName[outcome.wording]).toContain('可能重复唱票或录入');
    expect(outcome.statusReasons.join('；')).toContain('比收回的 2 张多 2 张');
    // Fewer entered than returned is only unfinished, worded as such.
    expect(meetingOutcome({ ...input, counts: counts(5, 5, 5, 5) }).wording).toBe('incomplete');
  });
});

describe('refusals', () => {
  const form = presetForm('evaluation-4');
  const meeting = counts(2, 2, 2, 2);

  it('refuses a mark outside the form', () => {
    expect(() => tally({ form, candidates: ['甲'], counts: meeting, quorum: DEFAULT_QUORUM, ballots: [ballot(1, [4])] })).toThrow(
      TallyInputError,
    );
  });

  it('refuses a ballot with the wrong number of items', () => {
    expect(() => tally({ form, candidates: ['甲', '乙'], counts: meeting, quorum: DEFAULT_QUORUM, ballots: [ballot(1, [0])] })).toThrow(
      /应为 2 项/,
    );
  });

  it('refuses the same ballot number twice (a ballot read out twice)', () => {
    expect(() =>
      tally({ form, candidates: ['甲'], counts: meeting, quorum: DEFAULT_QUORUM, ballots: [ballot(1, [0]), ballot(1, [0])] }),
    ).toThrow(/票号 1 重复/);
    // Far numbers too: one past the first array, one kept apart from it.
    for (const far of [5000, 2 ** 21, 2 ** 53 - 1]) {
      const twice = [ballot(1, [0]), ballot(far, [1]), ballot(2, [0]), ballot(far, [2])];
      expect(() => tally({ form, candidates: ['甲'], counts: counts(4, 4, 4, 4), quorum: DEFAULT_QUORUM, ballots: twice })).toThrow(new RegExp(`票号 ${far} 重复`));
      expect(tally({ form, candidates: ['甲'], counts: counts(3, 3, 3, 3), quorum: DEFAULT_QUORUM, ballots: twice.slice(0, 3) }).meeting.valid).toBe(3);
    }
  });
});

describe('multi-question forms', () => {
  it('counts every question of every candidate', () => {
    const form = presetForm('dimensions-5');
    // six questions: 德 能 勤 绩 廉 (好/较好/一般/差) then 总体评价 (优秀…不称职)
    const result = tally({
      form,
      candidates: ['甲'],
      counts: counts(2, 2, 2, 2),
      quorum: DEFAULT_QUORUM,
      ballots: [ballot(1, [0, 1, 2, 3, BLANK, 0]), ballot(2, [0, 0, 0, 0, 0, 3])],
    });
    const 甲 = result.candidates[0]!;
    expect(甲.questions.map((q) => q.label)).toEqual(['德', '能', '勤', '绩', '廉', '总体评价']);
    expect(甲.rates.find((r) => r.name === '德好评率')).toMatchObject({ numerator: 2, denominator: 2 });
    expect(甲.rates.find((r) => r.name === '勤好评率')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(甲.rates.find((r) => r.name === '总体不称职率')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(甲.flags.map((f) => f.rate)).toEqual(['总体称职以上率', '总体不称职率']);
  });
});

describe('weighted score', () => {
  it('averages option scores per question and weights the questions, as computed by hand', () => {
    const base = presetForm('dimensions-5');
    const scores = [100, 80, 60, 40];
    const form = {
      ...base,
      scoring: { base: 'valid' as const },
      questions: base.questions.map((q, i) => ({
        ...q,
        weight: i === 5 ? 5 : 1, // 德能勤绩廉 weight 1 each, 总体评价 weight 5
        options: q.options.map((o, j) => ({ ...o, score: scores[j]! })),
      })),
    };
    // 甲: ballot 1 all 好 / 优秀; ballot 2 all 一般 / 基本称职 except 廉 blank.
    const result = tally({
      form,
      candidates: ['甲'],
      counts: counts(2, 2, 2, 2),
      quorum: DEFAULT_QUORUM,
      ballots: [ballot(1, [0, 0, 0, 0, 0, 0]), ballot(2, [2, 2, 2, 2, BLANK, 2])],
    });
    // 德能勤绩: (100 + 60) / 2 = 80; 廉: (100 + 0) / 2 = 50 (blank scores 0 over valid); 总体: 80.
    // weighted: (80 × 4 + 50 + 80 × 5) / 10 = 77.
    expect(result.candidates[0]!.score!.byQuestion).toEqual([80, 80, 80, 80, 50, 80]);
    expect(result.candidates[0]!.score!.value).toBe(77);
    const answered = tally({
      form: { ...form, scoring: { base: 'answered' as const } },
      candidates: ['甲'],
      counts: counts(2, 2, 2, 2),
      quorum: DEFAULT_QUORUM,
      ballots: [ballot(1, [0, 0, 0, 0, 0, 0]), ballot(2, [2, 2, 2, 2, BLANK, 2])],
    });
    expect(answered.candidates[0]!.score!.byQuestion[4]).toBe(100);
  });
});

/**
 * Rules an independent check found wrong, each with a case worked out by hand: a group without
 * ballots takes no part in a weighted result; the 联审结论 says exactly what was recorded; a plan
 * rule reaches every rate of its kind, whatever the form calls it.
 */
import { describe, expect, it } from 'vitest';
import { fraction } from './fraction';
import { presetForm } from './forms';
import { tallyByGroup } from './groups';
import { DEFAULT_QUORUM } from './meeting';
import { formUnderPlan, presetPlan } from './plan';
import type { ReviewEntry } from './records';
import { personReview } from './review';
import { tally } from './tally';

const AT = '2026-11-20T08:00:00.000Z';

describe('a weighted result', () => {
  it('leaves out a group with no ballots: 党员 3 赞成 of 3 and 群众 with 实到 1 but no ballots give 100 %, not 50 %', () => {
    // approval-3: 赞成=0. By hand: only 党员 has ballots, so 加权赞同率 = 0.5 × 3/3 ÷ 0.5 = 100 %; no flag (< 95 %).
    const form = presetForm('approval-3');
    const ballots = [1, 2, 3].map((number) => ({ number, invalidReason: null, marks: [0], writeIns: [], group: 'party' }));
    const grouped = tallyByGroup(
      { form, candidates: ['张明'], counts: { expected: 4, present: 4, issued: 3, returned: 3 }, quorum: DEFAULT_QUORUM, ballots },
      [
        { id: 'party', label: '党员', weight: 0.5, counts: null },
        { id: 'public', label: '群众', weight: 0.5, counts: { expected: 1, present: 1, issued: 0, returned: 0 } },
      ],
    );
    const rate = grouped.weighted![0]!.rates[0]!;
    expect(rate.value).toBe(1);
    expect(rate.flagged).toBeNull();
    // The group is still listed, its part empty.
    expect(rate.parts.find((p) => p.groupId === 'public')?.value).toBeNull();
  });

  it('still weighs every group that has valid ballots: 0.5 × 3/3 + 0.5 × 1/2 = 75 %, flagged below 95 %', () => {
    const form = presetForm('approval-3');
    const ballots = [
      ...[1, 2, 3].map((number) => ({ number, invalidReason: null, marks: [0], writeIns: [], group: 'party' })),
      { number: 4, invalidReason: null, marks: [0], writeIns: [], group: 'public' },
      { number: 5, invalidReason: null, marks: [1], writeIns: [], group: 'public' },
    ];
    const grouped = tallyByGroup(
      { form, candidates: ['张明'], counts: { expected: 5, present: 5, issued: 5, returned: 5 }, quorum: DEFAULT_QUORUM, ballots },
      [
        { id: 'party', label: '党员', weight: 0.5, counts: null },
        { id: 'public', label: '群众', weight: 0.5, counts: null },
      ],
    );
    const rate = grouped.weighted![0]!.rates[0]!;
    expect(rate.value).toBeCloseTo(0.75, 12);
    expect(rate.flagged?.message).toBe('提示：加权赞同率 75.00%，低于 95%');
  });
});

describe('the 联审结论', () => {
  const plan = { ...presetPlan('village', 'wb', AT), departments: ['纪检监察', '组织', '政法', '公安', '法院', '检察院', '司法', '信访', '民政', '民宗'] };
  const entry = (department: string, change: Partial<ReviewEntry> = {}): ReviewEntry => ({
    id: `wb:p1:${department}`,
    workbookId: 'wb',
    personId: 'p1',
    department,
    conclusion: 'pass',
    date: '2026-11-20',
    responsible: '经办人',
    note: '',
    hits: [],
    decision: '',
    createdAt: AT,
    updatedAt: AT,
    ...change,
  });
  const passing = (except: string) => plan.departments.filter((d) => d !== except).map((d) => entry(d));

  it('says 存在问题 and which department, and never that a decision was recorded when none was', () => {
    const review = personReview(plan, 'p1', [...passing('公安'), entry('公安', { conclusion: 'issue' })]);
    expect(review.status).toBe('issue');
    expect(review.summary).toBe('存在问题；公安：存在问题');
    expect(review.summary).not.toContain('决定');
  });

  it('says an item outside its window does not count, and still no decision', () => {
    // 受过行政拘留 counts within 3 years: found for 2020-05 on 2026-11-20, outside.
    const detention = plan.negativeList.find((n) => n.id === 'u02')!;
    const review = personReview(plan, 'p1', [
      ...passing('公安'),
      entry('公安', { conclusion: 'issue', hits: [{ itemId: detention.id, kind: detention.kind, text: detention.text, eventMonth: '2020-05' }] }),
    ]);
    expect(review.summary).toBe('存在问题；公安：存在问题；已超出时限、不计：受过行政拘留');
    expect(review.summary).not.toContain('已决定');
  });

  it('beside a pending 不宜 item, says that 9 of 10 departments have not concluded', () => {
    const debtor = plan.negativeList.find((n) => n.id === 'u06')!;
    const review = personReview(plan, 'p1', [entry('法院', { conclusion: 'issue', hits: [{ itemId: debtor.id, kind: debtor.kind, text: debtor.text, eventMonth: '' }] })]);
    expect(review.status).toBe('needs-decision');
    expect(review.summary).toBe('不宜（待研究决定）；不宜：被列为失信被执行人（待研究决定）；10 个部门中 9 个未出结论');
  });

  it('names a decision where one was recorded', () => {
    const debtor = plan.negativeList.find((n) => n.id === 'u06')!;
    const review = personReview(plan, 'p1', [
      ...passing('法院'),
      entry('法院', { conclusion: 'issue', decision: '已履行完毕，可以提名', hits: [{ itemId: debtor.id, kind: debtor.kind, text: debtor.text, eventMonth: '' }] }),
    ]);
    expect(review.summary).toBe('存在问题；不宜：被列为失信被执行人（已决定：已履行完毕，可以提名）');
  });
});

describe('a plan rule by rate kind', () => {
  it('reaches the 德能勤绩廉 form’s 总体称职以上率 when it names 称职以上率', () => {
    // 10 ballots, 总体评价 8 称职 and 2 基本称职: 总体称职以上率 = 8/10 = 80 %, not below 2/3, below 90 %.
    const form = presetForm('dimensions-5');
    const marks = (overall: number) => [0, 0, 0, 0, 0, overall];
    const ballots = Array.from({ length: 10 }, (_, i) => ({ number: i + 1, invalidReason: null, marks: marks(i < 8 ? 1 : 2), writeIns: [] }));
    const run = (f: typeof form) =>
      tally({ form: f, candidates: ['张明'], counts: { expected: 10, present: 10, issued: 10, returned: 10 }, quorum: DEFAULT_QUORUM, ballots }).candidates[0]!.flags.map((f) => f.rate);
    const plan = presetPlan('village', 'wb', AT);
    expect(run(formUnderPlan(form, plan))).toEqual([]);
    const stricter = { ...plan, rateRules: plan.rateRules.map((r) => (r.rateName === '称职以上率' ? { ...r, flag: { comparison: '<' as const, threshold: fraction(90, 100), severity: 'warning' as const } } : r)) };
    expect(run(formUnderPlan(form, stricter))).toEqual(['总体称职以上率']);
    // A rule naming the rate exactly wins over the rule of its kind.
    const exact = { ...stricter, rateRules: [...stricter.rateRules, { rateName: '总体称职以上率', flag: null }] };
    expect(run(formUnderPlan(form, exact))).toEqual([]);
  });

  it('leaves a designed rate of no known kind to the form unless the plan names it', () => {
    const form = { ...presetForm('satisfaction-3'), rates: [{ ...presetForm('satisfaction-3').rates[0]!, name: '群众认可度', kind: undefined }] };
    const plan = presetPlan('village', 'wb', AT);
    expect(formUnderPlan(form, plan)).toBe(form);
  });
});

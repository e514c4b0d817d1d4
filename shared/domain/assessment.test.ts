import { describe, expect, it } from 'vitest';
import type { InterviewRecord, PersonRecord, ReviewEntry, RiskItem } from './records';
import { presetForm } from './forms';
import { fraction } from './fraction';
import { interviewCoverage, interviewProblem, opinionTallies } from './interviews';
import { formUnderPlan, planProblem, planStatement, presetPlan } from './plan';
import { hitCounts, personReview } from './review';
import { isOverdue, riskSummary } from './risks';
import { tally } from './tally';
import { DEFAULT_QUORUM } from './meeting';

const AT = '2026-11-20T08:00:00.000Z';
const people: PersonRecord[] = [
  { id: 'p1', name: '张三', currentPost: '村委会委员', proposedPost: '村委会主任' },
  { id: 'p2', name: '李四', currentPost: '', proposedPost: '村委会委员' },
];

function interview(n: number, category: string, opinions: Record<string, 'agree' | 'disagree' | 'other' | null>, deleted = false): InterviewRecord {
  return {
    id: `i${n}`,
    workbookId: 'wb',
    interviewee: `对象${n}`,
    category,
    date: '2026-11-20',
    place: '村部',
    interviewers: ['王明', '李华'],
    recorder: '赵敏',
    remarks: Object.entries(opinions).map(([personId, opinion]) => ({ personId, opinion, strengths: '', weaknesses: '', problems: '' })),
    deleted,
    createdAt: AT,
    updatedAt: AT,
  };
}

describe('assessment plan', () => {
  it('sets the flag of every rate it names, so a changed threshold changes the flags', () => {
    const plan = presetPlan('village', 'wb', AT);
    const form = presetForm('satisfaction-3');
    // 9 of 10 satisfied: 90% is not below the default 90%, but is below 95%.
    const marks = [...Array.from({ length: 9 }, () => [0]), [2]];
    const run = (f: typeof form) =>
      tally({
        form: f,
        candidates: ['张三'],
        counts: { expected: 10, present: 10, issued: 10, returned: 10 },
        quorum: DEFAULT_QUORUM,
        ballots: marks.map((m, i) => ({ number: i + 1, invalidReason: null, marks: m, writeIns: [], group: null })),
      }).candidates[0]!.flags.map((f) => f.rate);
    expect(run(formUnderPlan(form, plan))).toEqual([]);
    const stricter = { ...plan, rateRules: plan.rateRules.map((r) => (r.rateName === '满意率' ? { ...r, flag: { comparison: '<' as const, threshold: fraction(95, 100), severity: 'serious' as const } } : r)) };
    expect(run(formUnderPlan(form, stricter))).toEqual(['满意率']);
    expect(formUnderPlan(form, stricter).rates[0]!.flag?.severity).toBe('serious');
    // No plan, or a plan that does not name the rate: the form's own rule stands.
    expect(formUnderPlan(form, null)).toBe(form);
    expect(formUnderPlan(form, { ...plan, rateRules: [] })).toBe(form);
    expect(planStatement(stricter).join('\n')).toContain('满意率低于 95%（<）时标注“严重”');
  });

  it('refuses a plan with too few or too many departments, duplicates, or empty items', () => {
    const plan = presetPlan('community', 'wb', AT);
    expect(planProblem(plan)).toBeNull();
    expect(plan.departments).toHaveLength(14);
    expect(plan.interviewCategories).toHaveLength(9);
    expect(planProblem({ ...plan, departments: plan.departments.slice(0, 9) })).toContain('10–16');
    expect(planProblem({ ...plan, departments: [...plan.departments, '甲', '乙', '丙'] })).toContain('现在是 17 个');
    expect(planProblem({ ...plan, departments: [...plan.departments.slice(0, 13), '公安'] })).toContain('“公安”重复');
    expect(planProblem({ ...plan, negativeList: [...plan.negativeList, { id: 'z', kind: 'cannot', text: ' ', windowYears: null }] })).toContain('不能为空');
    expect(planProblem({ ...plan, name: '' })).toContain('方案名称');
  });
});

describe('interviews', () => {
  it('lists the categories still lacking interviews: 3 of 9 held leaves 6', () => {
    const plan = presetPlan('village', 'wb', AT);
    const names = plan.interviewCategories.map((c) => c.name);
    const records = [interview(1, names[0]!, {}), interview(2, names[3]!, {}), interview(3, names[5]!, {}), interview(4, names[5]!, {}), interview(5, names[1]!, {}, true)];
    const coverage = interviewCoverage(plan, records);
    expect(coverage.total).toBe(4);
    expect(coverage.lacking.map((c) => c.name)).toEqual(names.filter((_, i) => ![0, 3, 5].includes(i)));
    // A minimum of 3 for one category: two held, one missing.
    const wanting = interviewCoverage({ ...plan, interviewCategories: plan.interviewCategories.map((c, i) => (i === 5 ? { ...c, minimum: 3 } : c)) }, records);
    expect(wanting.categories[5]).toMatchObject({ held: 2, missing: 1 });
    expect(interviewCoverage(plan, [interview(9, '已删除的类别', {})]).outsidePlan).toBe(1);
  });

  it('counts opinions per person on the plan’s base and flags a low 谈话同意率', () => {
    const plan = presetPlan('village', 'wb', AT);
    const records = [
      interview(1, '村民小组长', { p1: 'agree', p2: 'disagree' }),
      interview(2, '村民小组长', { p1: 'agree', p2: 'other' }),
      interview(3, '村民小组长', { p1: 'disagree' }),
      interview(4, '村民小组长', { p1: null }),
    ];
    const [first, second] = opinionTallies(plan, people, records);
    expect(first).toMatchObject({ agree: 2, disagree: 1, other: 0, silent: 1, approval: { numerator: 2, denominator: 3 } });
    expect(first!.flags).toEqual([]);
    // Default: flag when ≤ 1/2 of those who gave an opinion agree: 李四 has 0 of 2.
    expect(second).toMatchObject({ agree: 0, disagree: 1, other: 1, silent: 2, approval: { numerator: 0, denominator: 2 } });
    expect(second!.flags[0]!.message).toContain('谈话同意率 0.00%');
    // Over every interview, silence included: 张三 2 of 4 = 1/2, which the rule flags.
    const all = opinionTallies({ ...plan, interviewApproval: { ...plan.interviewApproval, base: 'all' } }, people, records);
    expect(all[0]!.approval).toMatchObject({ numerator: 2, denominator: 4 });
    expect(all[0]!.flags).toHaveLength(1);
  });

  it('needs at least two interviewers and a recorder', () => {
    expect(interviewProblem(interview(1, '村民小组长', {}))).toBeNull();
    expect(interviewProblem({ ...interview(1, '村民小组长', {}), interviewers: ['王明'] })).toContain('至少 2 人');
    expect(interviewProblem({ ...interview(1, '村民小组长', {}), recorder: '' })).toContain('记录人');
    expect(interviewProblem({ ...interview(1, '', {}) })).toContain('类别');
  });
});

describe('joint qualification review', () => {
  const plan = presetPlan('village', 'wb', AT);
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
  const allPass = plan.departments.map((d) => entry(d));

  it('clears a person only when every department has passed', () => {
    expect(personReview(plan, 'p1', allPass).status).toBe('pass');
    const open = personReview(plan, 'p1', allPass.slice(1));
    expect(open.status).toBe('incomplete');
    expect(open.open).toEqual([plan.departments[0]]);
    expect(personReview(plan, 'p1', [...allPass.slice(1), entry(plan.departments[0]!, { conclusion: 'recheck' })]).status).toBe('incomplete');
  });

  it('disqualifies on a 不能 item within its window, and asks for a decision on a 不宜 item', () => {
    const crime = plan.negativeList.find((n) => n.id === 'n01')!;
    const hit = (eventMonth: string) => ({ itemId: crime.id, kind: crime.kind, text: crime.text, eventMonth });
    // One department found it; another has not answered yet: a 不能 item decides all the same.
    const within = plan.departments.slice(1).map((d) => (d === '公安' ? entry(d, { conclusion: 'issue', hits: [hit('2023-05')] }) : entry(d)));
    const review = personReview(plan, 'p1', within);
    expect(review.status).toBe('disqualified');
    expect(review.summary).toContain('不能');
    // Outside the 5-year window the item is listed but does not count.
    expect(hitCounts(hit('2020-10'), plan, '2026-11-20')).toBe(false);
    expect(hitCounts(hit('2021-11'), plan, '2026-11-20')).toBe(true);
    expect(hitCounts(hit(''), plan, '2026-11-20')).toBe(true);
    const debtor = plan.negativeList.find((n) => n.id === 'u06')!;
    const unsuitable = [...plan.departments.filter((d) => d !== '法院').map((d) => entry(d)), entry('法院', { conclusion: 'issue', hits: [{ itemId: debtor.id, kind: debtor.kind, text: debtor.text, eventMonth: '' }] })];
    expect(personReview(plan, 'p1', unsuitable).status).toBe('needs-decision');
    const decided = unsuitable.map((e) => (e.department === '法院' ? { ...e, decision: '已履行完毕，经研究可以提名' } : e));
    const after = personReview(plan, 'p1', decided);
    expect(after.status).toBe('issue');
    expect(after.summary).toContain('已履行完毕');
  });
});

describe('risk ledger', () => {
  const item = (change: Partial<RiskItem>): RiskItem => ({
    id: 'r',
    workbookId: 'wb',
    type: '信访村（社区）',
    description: '历史遗留土地纠纷',
    leader: '刘书记',
    measures: '包案化解',
    deadline: '2026-11-25',
    status: 'open',
    closedOn: null,
    closeNote: '',
    deleted: false,
    createdAt: AT,
    updatedAt: AT,
    ...change,
  });
  it('counts an open item past its deadline as overdue, never a closed one', () => {
    expect(isOverdue(item({}), '2026-11-26')).toBe(true);
    expect(isOverdue(item({}), '2026-11-25')).toBe(false);
    expect(isOverdue(item({ status: 'closed', closedOn: '2026-11-24' }), '2026-12-01')).toBe(false);
    expect(riskSummary([item({}), item({ id: 'b', status: 'closed', closedOn: '2026-11-24' }), item({ id: 'c', deleted: true })], '2026-11-29')).toEqual({ total: 2, closed: 1, open: 1, overdue: 1 });
  });
});

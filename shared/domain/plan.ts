/**
 * The assessment plan (考察方案) of one workbook: the thresholds the team judges rates by, the
 * categories of people who must be interviewed, the departments of the joint review and the
 * negative list. Places differ on all of it, so it is data with presets to start from; a rate's
 * flag comes from the plan when the plan names that rate, so changing the plan changes the flags
 * on every screen and in every export.
 */
import type { BallotForm, FlagRule, RateKind, RateRule } from './forms';
import { rateKindOf, rateKindOfName } from './forms';
import type { Fraction } from './fraction';
import { fraction } from './fraction';
import type { AssessmentPlan, NegativeItem, PlanPresetId, PlanRateRule } from '../schema/assessment';
import { PLAN_PRESET_IDS as PRESET_IDS } from '../schema/values';
import { zh } from '../messages/zh-CN';

// The plan's fields are declared once, by its schema (shared/schema/assessment.ts).
export type {
  AssessmentPlan,
  InterviewApprovalRule,
  InterviewCategory,
  NegativeItem,
  NegativeKind,
  PlanPresetId,
  PlanRateRule,
} from '../schema/assessment';

/** The kind a plan rule reaches. */
export function planRuleKind(rule: PlanRateRule): RateKind {
  return rule.kind ?? rateKindOfName(rule.rateName);
}

/** The plan's rule for this rate: one naming it exactly first, else one of its kind; undefined: the plan says nothing of it. */
export function planRuleFor(plan: AssessmentPlan, rate: Pick<RateRule, 'name' | 'kind'>): PlanRateRule | undefined {
  const byName = plan.rateRules.find((r) => r.rateName.trim() === rate.name.trim());
  if (byName) return byName;
  const kind = rateKindOf(rate);
  if (kind === 'custom') return undefined;
  return plan.rateRules.find((r) => planRuleKind(r) === kind);
}

export const PLAN_PRESET_IDS: readonly PlanPresetId[] = PRESET_IDS;

export const MIN_DEPARTMENTS = 10;
export const MAX_DEPARTMENTS = 16;

const warning = (comparison: FlagRule['comparison'], threshold: Fraction): FlagRule => ({ comparison, threshold, severity: 'warning' });

/** The rates of the preset forms with the thresholds of docs/domain.md. */
function defaultRateRules(): PlanRateRule[] {
  return [
    { rateName: '称职以上率', kind: 'competent-or-better', flag: warning('<', fraction(2, 3)) },
    { rateName: '不称职率', kind: 'incompetent', flag: { comparison: '>', threshold: fraction(1, 3), severity: 'serious' } },
    { rateName: '满意率', kind: 'satisfied', flag: warning('<', fraction(90, 100)) },
    { rateName: '赞同率', kind: 'approved', flag: warning('<', fraction(95, 100)) },
    { rateName: '得票率', kind: 'vote-share', flag: { comparison: '>', threshold: fraction(1, 2), severity: 'info' } },
  ];
}

const VILLAGE_CATEGORIES = [
  '乡镇党委书记或分管领导',
  '包村干部',
  '驻村第一书记或工作队',
  '村两委成员',
  '村务监督委员会成员',
  '村民小组长',
  '离退休干部和老党员',
  '党员和村民代表',
  '两代表一委员和普通群众',
];

const COMMUNITY_CATEGORIES = [
  '街道党工委书记或分管领导',
  '包联社区干部',
  '社区两委成员',
  '居务监督委员会成员',
  '网格长和楼栋长',
  '驻区单位党组织负责人',
  '离退休干部和老党员',
  '党员和居民代表',
  '两代表一委员和普通居民',
];

export const DEFAULT_DEPARTMENTS = [
  '纪检监察',
  '组织',
  '政法',
  '公安',
  '法院',
  '检察院',
  '司法',
  '信访',
  '民政',
  '民宗',
  '卫健',
  '农业农村（经管）',
  '自然资源',
  '市场监管',
];

/** A typical 2020-era negative list (docs/domain.md); windows differ by province, so they are editable. */
export function defaultNegativeList(): NegativeItem[] {
  const cannot = (id: string, text: string, windowYears: number | null = null): NegativeItem => ({ id, kind: 'cannot', text, windowYears });
  const unsuitable = (id: string, text: string, windowYears: number | null = null): NegativeItem => ({ id, kind: 'unsuitable', text, windowYears });
  return [
    cannot('n01', '受过刑事处罚（刑满释放未满规定年限）', 5),
    cannot('n02', '涉黑涉恶或有“村霸”行为'),
    cannot('n03', '参加邪教组织或非法宗教活动'),
    cannot('n04', '受党纪处分尚在影响期内'),
    cannot('n05', '在本次换届中拉票贿选、操纵选举'),
    cannot('n06', '丧失行为能力'),
    cannot('n07', '拒不签订换届纪律承诺书'),
    unsuitable('u01', '正被纪检监察机关立案审查调查'),
    unsuitable('u02', '受过行政拘留', 3),
    unsuitable('u03', '组织、煽动非法上访或群体性事件'),
    unsuitable('u04', '侵占集体资金、补助资金尚未退赔'),
    unsuitable('u05', '违法占地、违章建房尚未整改'),
    unsuitable('u06', '被列为失信被执行人'),
    unsuitable('u07', '本届任期内被评为不称职或近 3 年内被评为不合格党员', 3),
    unsuitable('u08', '长期不在村（社区）居住'),
    unsuitable('u09', '乡镇（街道）认为不宜提名的其他情形'),
  ];
}

/** A fresh plan from a preset; every call returns a new copy. */
export function presetPlan(presetId: PlanPresetId, workbookId: string, at: string): AssessmentPlan {
  const categories = presetId === 'village' ? VILLAGE_CATEGORIES : COMMUNITY_CATEGORIES;
  return {
    id: workbookId,
    workbookId,
    name: zh.plan.presetName[presetId],
    presetId,
    rateRules: defaultRateRules(),
    interviewCategories: categories.map((name) => ({ name, minimum: 1 })),
    interviewApproval: { base: 'expressed', flag: warning('<=', fraction(1, 2)) },
    departments: [...DEFAULT_DEPARTMENTS],
    negativeList: defaultNegativeList(),
    createdAt: at,
    updatedAt: at,
  };
}

/** The meeting's form as the plan judges it: every rate the plan reaches (by kind or by name) takes the plan's flag. */
export function formUnderPlan(form: BallotForm, plan: AssessmentPlan | null | undefined): BallotForm {
  if (!plan) return form;
  const rules = form.rates.map((rate) => planRuleFor(plan, rate));
  if (rules.every((r) => r === undefined)) return form;
  return { ...form, rates: form.rates.map((rate, i) => (rules[i] ? { ...rate, flag: rules[i].flag } : rate)) };
}

/** Applies the plan to anything that carries a form (a meeting record, an export payload). */
export function underPlan<T extends { form: BallotForm }>(holder: T, plan: AssessmentPlan | null | undefined): T {
  const form = formUnderPlan(holder.form, plan);
  return form === holder.form ? holder : { ...holder, form };
}

/** What the plan says, line by line, for the 口径说明 of every export. */
export function planStatement(plan: AssessmentPlan): string[] {
  const t = zh.plan;
  return [
    t.statementName(plan.name),
    t.statementRates(plan.rateRules.map((r) => t.rateRuleText(r))),
    t.statementInterviews(plan.interviewCategories.map((c) => t.categoryText(c)), t.approvalText(plan.interviewApproval)),
    t.statementReview(plan.departments.length, plan.negativeList.filter((n) => n.kind === 'cannot').length, plan.negativeList.filter((n) => n.kind === 'unsuitable').length),
  ];
}

/** Why a plan cannot be saved, or null. */
export function planProblem(plan: AssessmentPlan): string | null {
  const t = zh.plan.problems;
  if (plan.name.trim() === '') return t.noName;
  if (plan.departments.length < MIN_DEPARTMENTS || plan.departments.length > MAX_DEPARTMENTS) return t.departmentCount(plan.departments.length);
  const departments = plan.departments.map((d) => d.trim());
  if (departments.some((d) => d === '')) return t.emptyDepartment;
  const twice = departments.find((d, i) => departments.indexOf(d) !== i);
  if (twice) return t.duplicateDepartment(twice);
  const categories = plan.interviewCategories.map((c) => c.name.trim());
  if (categories.some((c) => c === '')) return t.emptyCategory;
  const twiceCategory = categories.find((c, i) => categories.indexOf(c) !== i);
  if (twiceCategory) return t.duplicateCategory(twiceCategory);
  if (plan.interviewCategories.some((c) => !Number.isInteger(c.minimum) || c.minimum < 0 || c.minimum > 999)) return t.badMinimum;
  const rates = plan.rateRules.map((r) => r.rateName.trim());
  if (rates.some((r) => r === '')) return t.emptyRate;
  const twiceRate = rates.find((r, i) => rates.indexOf(r) !== i);
  if (twiceRate) return t.duplicateRate(twiceRate);
  if (plan.negativeList.some((n) => n.text.trim() === '')) return t.emptyNegative;
  if (plan.negativeList.some((n) => n.windowYears !== null && (!Number.isInteger(n.windowYears) || n.windowYears < 1 || n.windowYears > 50))) return t.badWindow;
  return null;
}

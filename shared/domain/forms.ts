/**
 * Ballot forms (表式) are data: options, rates, denominators, comparisons, thresholds and severities.
 * Places differ on all of these, so nothing here is special-cased in code (see docs/domain.md).
 */
import type { BallotForm, BallotQuestion, FormOption, RateKind, RateRule } from '../schema/form';
import { fraction } from './fraction';
import { zh } from '../messages/zh-CN';

// The form's fields are declared once, by its schema (shared/schema/form.ts).
export type {
  BallotForm,
  BallotQuestion,
  DenominatorBase,
  FlagRule,
  FlagSeverity,
  FormKind,
  FormOption,
  RateKind,
  RateRule,
  RecommendRule,
  ScoringRule,
} from '../schema/form';
export { RATE_KINDS } from '../schema/values';

/** The label of a blank item (弃权); an option with this label counts together with blanks. */
export const ABSTAIN_LABEL = '弃权';
/** The count key of items voided by double marking. */
export const VOID_LABEL = '无效';

/** The usual name of each kind, by which a rate of that kind is recognised when its form names no kind. */
const KIND_SUFFIX: readonly (readonly [string, RateKind])[] = [
  ['称职以上率', 'competent-or-better'],
  ['不称职率', 'incompetent'],
  ['优秀率', 'excellent'],
  ['满意率', 'satisfied'],
  ['赞同率', 'approved'],
  ['得票率', 'vote-share'],
  ['好评率', 'good'],
];

/** The kind a name states: 总体称职以上率 and 称职以上率 are both competent-or-better; 基本满意率 is not 满意率. */
export function rateKindOfName(name: string): RateKind {
  const trimmed = name.trim();
  for (const [suffix, kind] of KIND_SUFFIX) {
    // 不称职率 ends with 称职率 but not with 称职以上率; 基本满意率 must not pass for 满意率.
    if (trimmed.endsWith(suffix) && !(suffix === '满意率' && trimmed.endsWith('基本满意率'))) return kind;
  }
  return 'custom';
}

/** A rate's kind: the form's own word for it, or what its name says (forms saved before kinds existed). */
export function rateKindOf(rule: Pick<RateRule, 'kind' | 'name'>): RateKind {
  return rule.kind ?? rateKindOfName(rule.name);
}

export type PresetId = 'evaluation-4' | 'satisfaction-3' | 'approval-3' | 'recommend' | 'dimensions-5';

export const PRESET_IDS: readonly PresetId[] = ['evaluation-4', 'satisfaction-3', 'approval-3', 'recommend', 'dimensions-5'];

const option = (label: string, short: string): FormOption => ({ label, short });

const EVALUATION_OPTIONS = [option('优秀', '优'), option('称职', '称'), option('基本称职', '基'), option('不称职', '不')];
const DIMENSION_OPTIONS = [option('好', '好'), option('较好', '较'), option('一般', '般'), option('差', '差')];
const DIMENSIONS = [
  { id: 'de', label: '德' },
  { id: 'neng', label: '能' },
  { id: 'qin', label: '勤' },
  { id: 'ji', label: '绩' },
  { id: 'lian', label: '廉' },
];

function evaluationRates(questionId: string, prefix: string): RateRule[] {
  return [
    { id: `${questionId}-excellent`, name: `${prefix}优秀率`, kind: 'excellent', questionId, numerator: ['优秀'], base: 'valid', flag: null },
    {
      id: `${questionId}-competent-or-better`,
      name: `${prefix}称职以上率`,
      kind: 'competent-or-better',
      questionId,
      numerator: ['优秀', '称职'],
      base: 'valid',
      flag: { comparison: '<', threshold: fraction(2, 3), severity: 'warning' },
    },
    {
      id: `${questionId}-incompetent`,
      name: `${prefix}不称职率`,
      kind: 'incompetent',
      questionId,
      numerator: ['不称职'],
      base: 'valid',
      flag: { comparison: '>', threshold: fraction(1, 3), severity: 'serious' },
    },
  ];
}

/** Builds a preset; every call returns a fresh copy, so callers may edit it freely. */
export function presetForm(id: PresetId, options: { maxSelections?: number } = {}): BallotForm {
  switch (id) {
    case 'evaluation-4':
      return {
        id,
        name: '民主测评票（优秀/称职/基本称职/不称职）',
        kind: 'grade',
        questions: [{ id: 'grade', label: '测评等次', options: EVALUATION_OPTIONS.map((o) => ({ ...o })) }],
        rates: evaluationRates('grade', ''),
        recommend: null,
        scoring: null,
      };
    case 'satisfaction-3':
      return {
        id,
        name: '满意度测评票（满意/基本满意/不满意）',
        kind: 'grade',
        questions: [
          {
            id: 'satisfaction',
            label: '满意度',
            options: [option('满意', '满'), option('基本满意', '基'), option('不满意', '不')],
          },
        ],
        rates: [
          {
            id: 'satisfied',
            name: '满意率',
            kind: 'satisfied',
            questionId: 'satisfaction',
            numerator: ['满意', '基本满意'],
            base: 'valid',
            flag: { comparison: '<', threshold: fraction(90, 100), severity: 'warning' },
          },
        ],
        recommend: null,
        scoring: null,
      };
    case 'approval-3':
      return {
        id,
        name: '赞同票（赞成/不赞成/弃权）',
        kind: 'grade',
        questions: [
          { id: 'approval', label: '意见', options: [option('赞成', '赞'), option('不赞成', '否'), option(ABSTAIN_LABEL, '弃')] },
        ],
        rates: [
          {
            id: 'approved',
            name: '赞同率',
            kind: 'approved',
            questionId: 'approval',
            numerator: ['赞成'],
            base: 'valid',
            flag: { comparison: '<', threshold: fraction(95, 100), severity: 'warning' },
          },
        ],
        recommend: null,
        scoring: null,
      };
    case 'recommend':
      return {
        id,
        name: '民主推荐票',
        kind: 'recommend',
        questions: [{ id: 'tick', label: '推荐', options: [option('得票', '√')], maxSelections: options.maxSelections ?? 1 }],
        rates: [
          {
            id: 'vote-share',
            name: '得票率',
            kind: 'vote-share',
            questionId: 'tick',
            numerator: ['得票'],
            base: 'returned',
            flag: { comparison: '>', threshold: fraction(1, 2), severity: 'info' },
          },
        ],
        recommend: { writeInsAllowed: true, secondRound: null },
        scoring: null,
      };
    case 'dimensions-5':
      return {
        id,
        name: '德能勤绩廉测评票',
        kind: 'grade',
        questions: [
          ...DIMENSIONS.map((d) => ({ id: d.id, label: d.label, options: DIMENSION_OPTIONS.map((o) => ({ ...o })) })),
          { id: 'overall', label: '总体评价', options: EVALUATION_OPTIONS.map((o) => ({ ...o })) },
        ],
        rates: [
          ...DIMENSIONS.map(
            (d): RateRule => ({
              id: `${d.id}-good`,
              name: `${d.label}好评率`,
              kind: 'good',
              questionId: d.id,
              numerator: ['好', '较好'],
              base: 'valid',
              flag: null,
            }),
          ),
          ...evaluationRates('overall', '总体'),
        ],
        recommend: null,
        scoring: null,
      };
  }
}

/** The most persons one ballot may choose for a post (recommendation forms). */
export function postMaximum(question: BallotQuestion): number {
  return question.maxSelections ?? 1;
}

/** The label a rate or count is shown under on multi-question forms: 德·好, 主任·得票. */
export function questionKey(form: BallotForm, question: BallotQuestion, label: string): string {
  return form.questions.length > 1 ? `${question.label}·${label}` : label;
}

/**
 * A recommendation form with several posts on one ballot (主任 1 人, 委员 4 人 …), highest post
 * first; each post has its own maximum and its own 得票率 (over returned ballots, 过半 flagged).
 */
export function recommendationForm(posts: readonly { label: string; maxSelections: number }[], name = '民主推荐票（分岗位）'): BallotForm {
  const questions: BallotQuestion[] = posts.map((post, i) => ({
    id: `post-${i + 1}`,
    label: post.label,
    options: [option('得票', '√')],
    maxSelections: post.maxSelections,
  }));
  return {
    id: 'recommend-posts',
    name,
    kind: 'recommend',
    questions,
    rates: questions.map((question) => ({
      id: `${question.id}-share`,
      name: posts.length > 1 ? `${question.label}得票率` : '得票率',
      kind: 'vote-share' as const,
      questionId: question.id,
      numerator: ['得票'],
      base: 'returned',
      flag: { comparison: '>', threshold: fraction(1, 2), severity: 'info' },
    })),
    recommend: { writeInsAllowed: true, secondRound: null },
    scoring: null,
  };
}

/** Keys 1…9 name the options, so a question has at most nine. */
export const MAX_OPTIONS = 9;

/**
 * What makes a form unusable, or null: every form the designer saves and every form file the
 * command line reads passes through here.
 */
export function formProblem(form: BallotForm): string | null {
  const t = zh.forms;
  if (form.name.trim() === '') return t.nameRequired;
  if (form.questions.length === 0) return t.noQuestions;
  const questionLabels = new Set<string>();
  for (const question of form.questions) {
    const label = question.label.trim();
    if (label === '' || /[/／·]/.test(label)) return t.badQuestionLabel(question.label);
    if (questionLabels.has(label)) return t.duplicateQuestion(label);
    questionLabels.add(label);
    if (form.questions.filter((q) => q.id === question.id).length > 1) return t.duplicateQuestion(label);
    if (form.kind === 'recommend') {
      if (question.options.length !== 1) return t.recommendOneOption(label);
      if (!Number.isInteger(question.maxSelections ?? 1) || (question.maxSelections ?? 1) < 1) return t.badMax(label);
    } else if (question.options.length < 2 || question.options.length > MAX_OPTIONS) {
      return t.optionCount(label, MAX_OPTIONS);
    }
    const optionLabels = question.options.map((o) => o.label.trim());
    if (optionLabels.some((o) => o === '' || o === VOID_LABEL || /^\d+$/.test(o))) return t.badOptionLabel(label);
    if (new Set(optionLabels).size !== optionLabels.length) return t.duplicateOption(label);
    if (form.scoring && question.options.some((o) => o.label !== ABSTAIN_LABEL && (o.score === undefined || !Number.isFinite(o.score)))) {
      return t.scoreMissing(label);
    }
    if (question.weight !== undefined && !(question.weight >= 0)) return t.badWeight(label);
  }
  const rateNames = new Set<string>();
  for (const rule of form.rates) {
    if (rule.name.trim() === '') return t.rateNameRequired;
    if (rateNames.has(rule.name)) return t.duplicateRate(rule.name);
    rateNames.add(rule.name);
    const question = form.questions.find((q) => q.id === rule.questionId);
    if (!question) return t.rateQuestionMissing(rule.name);
    if (rule.numerator.length === 0 || rule.numerator.some((label) => !question.options.some((o) => o.label === label))) {
      return t.rateOptionsMissing(rule.name, question.label);
    }
    if (rule.flag && !(rule.flag.threshold.denominator > 0 && rule.flag.threshold.numerator >= 0)) return t.badThreshold(rule.name);
  }
  if ((form.kind === 'recommend') !== (form.recommend !== null)) return t.kindMismatch;
  return null;
}

export function isPresetId(value: string): value is PresetId {
  return (PRESET_IDS as readonly string[]).includes(value);
}

export function questionById(form: BallotForm, questionId: string): BallotQuestion | undefined {
  return form.questions.find((q) => q.id === questionId);
}

/** Counts for a question: its option labels, then 弃权 (unless an option is already named so), then 无效. */
export function countKeys(question: BallotQuestion): string[] {
  const labels = question.options.map((o) => o.label);
  if (!labels.includes(ABSTAIN_LABEL)) labels.push(ABSTAIN_LABEL);
  labels.push(VOID_LABEL);
  return labels;
}

/** Index of the option that means the same as a blank item, or -1. */
export function abstainOptionIndex(question: BallotQuestion): number {
  return question.options.findIndex((o) => o.label === ABSTAIN_LABEL);
}

/**
 * Ballot forms (表式) are data: options, rates, denominators, comparisons, thresholds and severities.
 * Places differ on all of these, so nothing here is special-cased in code (see shared/DOMAIN.md).
 */
import type { Comparison, Fraction } from './fraction';
import { fraction } from './fraction';

/** Which meeting count a rate is divided by. */
export type DenominatorBase = 'expected' | 'present' | 'issued' | 'returned' | 'valid';

export type FlagSeverity = 'serious' | 'warning' | 'info';

/** The label of a blank item (弃权); an option with this label counts together with blanks. */
export const ABSTAIN_LABEL = '弃权';
/** The count key of items voided by double marking. */
export const VOID_LABEL = '无效';

export interface FormOption {
  label: string;
  /** One character shown in compact ballot lists (优, 称, 基, 不). */
  short: string;
}

/** One question asked about every candidate (most forms have exactly one). */
export interface BallotQuestion {
  id: string;
  label: string;
  options: FormOption[];
}

/** Raise a flag when the rate (comparison) threshold holds, e.g. 不称职率 > 1/3. */
export interface FlagRule {
  comparison: Comparison;
  threshold: Fraction;
  severity: FlagSeverity;
}

export interface RateRule {
  id: string;
  /** The rate's name as printed: 称职以上率. Unique within a form. */
  name: string;
  questionId: string;
  /** Option labels whose counts add up to the numerator. */
  numerator: string[];
  base: DenominatorBase;
  flag: FlagRule | null;
}

export type FormKind = 'grade' | 'recommend';

export interface RecommendRule {
  /** Ticks plus written-in names allowed on one ballot (应推荐人数 N). */
  maxSelections: number;
  writeInsAllowed: boolean;
}

export interface BallotForm {
  id: string;
  name: string;
  kind: FormKind;
  questions: BallotQuestion[];
  rates: RateRule[];
  recommend: RecommendRule | null;
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
    { id: `${questionId}-excellent`, name: `${prefix}优秀率`, questionId, numerator: ['优秀'], base: 'valid', flag: null },
    {
      id: `${questionId}-competent-or-better`,
      name: `${prefix}称职以上率`,
      questionId,
      numerator: ['优秀', '称职'],
      base: 'valid',
      flag: { comparison: '<', threshold: fraction(2, 3), severity: 'warning' },
    },
    {
      id: `${questionId}-incompetent`,
      name: `${prefix}不称职率`,
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
            questionId: 'satisfaction',
            numerator: ['满意', '基本满意'],
            base: 'valid',
            flag: { comparison: '<', threshold: fraction(90, 100), severity: 'warning' },
          },
        ],
        recommend: null,
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
            questionId: 'approval',
            numerator: ['赞成'],
            base: 'valid',
            flag: { comparison: '<', threshold: fraction(95, 100), severity: 'warning' },
          },
        ],
        recommend: null,
      };
    case 'recommend':
      return {
        id,
        name: '民主推荐票',
        kind: 'recommend',
        questions: [{ id: 'tick', label: '推荐', options: [option('得票', '√')] }],
        rates: [
          {
            id: 'vote-share',
            name: '得票率',
            questionId: 'tick',
            numerator: ['得票'],
            base: 'returned',
            flag: { comparison: '>', threshold: fraction(1, 2), severity: 'info' },
          },
        ],
        recommend: { maxSelections: options.maxSelections ?? 1, writeInsAllowed: true },
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
              questionId: d.id,
              numerator: ['好', '较好'],
              base: 'valid',
              flag: null,
            }),
          ),
          ...evaluationRates('overall', '总体'),
        ],
        recommend: null,
      };
  }
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

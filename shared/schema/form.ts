/**
 * The ballot form (表式) as data: each field is declared once, here, as a zod schema, and its type is
 * inferred from it. Meetings keep a copy, workbook files and exports carry it, so a field a schema
 * forgot would be stripped on reading; declaring the type from the schema makes that impossible.
 */
import { z } from 'zod';
import { RATE_KINDS } from './values';
import type { Comparison, Ratio } from '../format/ratio';

const count = z.number().int().min(0).max(10_000_000);
const text = (max: number) => z.string().max(max);

export const comparisonSchema = z.enum(['>', '>=', '<', '<=']) satisfies z.ZodType<Comparison>;
export const fractionSchema = z.object({ numerator: count, denominator: z.number().int().min(1).max(1_000_000) }) satisfies z.ZodType<Ratio>;

/** Which meeting count a rate is divided by. */
export const denominatorBaseSchema = z.enum(['expected', 'present', 'issued', 'returned', 'valid']);
export type DenominatorBase = z.infer<typeof denominatorBaseSchema>;

export const flagSeveritySchema = z.enum(['serious', 'warning', 'info']);
export type FlagSeverity = z.infer<typeof flagSeveritySchema>;

/**
 * What a rate measures, whatever it is called on a form: 总体称职以上率 on the 德能勤绩廉 form is a
 * 称职以上率 like any other, so a plan's rule for 称职以上率 reaches it. 'custom': a rate of a
 * designed form that is none of these; the plan reaches it by its name only.
 */
export const rateKindSchema = z.enum(RATE_KINDS);
export type RateKind = z.infer<typeof rateKindSchema>;
export { RATE_KINDS };

/** Raise a flag when the rate (comparison) threshold holds, e.g. 不称职率 > 1/3. */
export const flagRuleSchema = z.object({ comparison: comparisonSchema, threshold: fractionSchema, severity: flagSeveritySchema });
export type FlagRule = z.infer<typeof flagRuleSchema>;

export const formOptionSchema = z.object({
  label: text(50).min(1),
  /** One character shown in compact ballot lists (优, 称, 基, 不). */
  short: text(10),
  /** Points this option is worth in the weighted score (forms with scoring only). */
  score: z.number().finite().optional(),
});
export type FormOption = z.infer<typeof formOptionSchema>;

/** One question asked about every candidate (most forms have exactly one). */
export const ballotQuestionSchema = z.object({
  id: text(100).min(1),
  label: text(100).min(1),
  options: z.array(formOptionSchema).min(1).max(20),
  /** Recommendation forms: each question is a post (主任, 委员 …) with its own maximum of persons. */
  maxSelections: z.number().int().min(1).max(1000).optional(),
  /** Weight of this question in the weighted score (forms with scoring only). */
  weight: z.number().finite().min(0).max(1000).optional(),
});
export type BallotQuestion = z.infer<typeof ballotQuestionSchema>;

export const rateRuleSchema = z.object({
  id: text(100).min(1),
  /** The rate's name as printed: 称职以上率. Unique within a form. */
  name: text(100).min(1),
  /** What the rate measures; absent on forms saved before kinds existed (then read from the name). */
  kind: rateKindSchema.optional(),
  questionId: text(100).min(1),
  /** Option labels whose counts add up to the numerator. */
  numerator: z.array(text(50)).min(1),
  base: denominatorBaseSchema,
  flag: flagRuleSchema.nullable(),
});
export type RateRule = z.infer<typeof rateRuleSchema>;

export const formKindSchema = z.enum(['grade', 'recommend']);
export type FormKind = z.infer<typeof formKindSchema>;

export const recommendRuleSchema = z.object({
  writeInsAllowed: z.boolean(),
  /** Suggest a second round for a post when its top 得票率 (comparison) threshold, e.g. ≤ 1/2; null: never. */
  secondRound: z.object({ comparison: comparisonSchema, threshold: fractionSchema }).nullable(),
});
export type RecommendRule = z.infer<typeof recommendRuleSchema>;

/**
 * Weighted score (综合得分): per question the mean of option scores over the base, then the mean of
 * those weighted by question weight. base 'valid': blank and void items score 0 over all valid
 * ballots; 'answered': over the items that chose an option only.
 */
export const scoringRuleSchema = z.object({ base: z.enum(['valid', 'answered']) });
export type ScoringRule = z.infer<typeof scoringRuleSchema>;

export const ballotFormSchema = z.object({
  id: text(100).min(1),
  name: text(200),
  kind: formKindSchema,
  questions: z.array(ballotQuestionSchema).min(1).max(20),
  rates: z.array(rateRuleSchema).max(50),
  recommend: recommendRuleSchema.nullable(),
  scoring: scoringRuleSchema.nullable(),
});
export type BallotForm = z.infer<typeof ballotFormSchema>;

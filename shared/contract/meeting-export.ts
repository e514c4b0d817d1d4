/** What the renderer (or the CLI) hands the services to write a meeting's Excel summary. */
import { z } from 'zod';
import type { BallotRecord } from '../domain/ballot';
import { VOID } from '../domain/ballot';
import type { BallotForm, RateKind } from '../domain/forms';
import { RATE_KINDS } from '../domain/forms';
import type { RespondentGroup } from '../domain/groups';

const count = z.number().int().min(0).max(10_000_000);
const text = (max: number) => z.string().max(max);

const fractionSchema = z.object({ numerator: count, denominator: z.number().int().min(1).max(1_000_000) });
const comparisonSchema = z.enum(['>', '>=', '<', '<=']);
export const rateKindSchema = z.enum(RATE_KINDS as [RateKind, ...RateKind[]]);
export const flagRuleSchema = z.object({ comparison: comparisonSchema, threshold: fractionSchema, severity: z.enum(['serious', 'warning', 'info']) });

export const ballotFormSchema = z.object({
  id: text(100).min(1),
  name: text(200),
  kind: z.enum(['grade', 'recommend']),
  questions: z
    .array(
      z.object({
        id: text(100).min(1),
        label: text(100).min(1),
        options: z.array(z.object({ label: text(50).min(1), short: text(10), score: z.number().finite().optional() })).min(1).max(20),
        maxSelections: z.number().int().min(1).max(1000).optional(),
        weight: z.number().finite().min(0).max(1000).optional(),
      }),
    )
    .min(1)
    .max(20),
  rates: z
    .array(
      z.object({
        id: text(100).min(1),
        name: text(100).min(1),
        kind: rateKindSchema.optional(),
        questionId: text(100).min(1),
        numerator: z.array(text(50)).min(1),
        base: z.enum(['expected', 'present', 'issued', 'returned', 'valid']),
        flag: flagRuleSchema.nullable(),
      }),
    )
    .max(50),
  recommend: z
    .object({
      writeInsAllowed: z.boolean(),
      secondRound: z.object({ comparison: comparisonSchema, threshold: fractionSchema }).nullable(),
    })
    .nullable(),
  scoring: z.object({ base: z.enum(['valid', 'answered']) }).nullable(),
}) satisfies z.ZodType<BallotForm>;

export const meetingCountsSchema = z.object({ expected: count, present: count, issued: count, returned: count });

export const quorumRuleSchema = z.object({
  comparison: z.enum(['>', '>=']),
  threshold: fractionSchema,
  minPresent: count.nullable(),
});

export const ballotRecordSchema = z.object({
  number: z.number().int().min(1).max(10_000_000),
  invalidReason: text(200).nullable(),
  marks: z.array(z.number().int().min(VOID).max(19)).max(10_000),
  writeIns: z.array(z.object({ question: z.number().int().min(0).max(19), name: text(100).min(1) })).max(1000),
  group: text(100).nullable().optional(),
}) satisfies z.ZodType<BallotRecord>;

export const respondentGroupSchema = z.object({
  id: text(100).min(1),
  label: text(100).min(1),
  weight: z.number().finite().min(0).nullable(),
  counts: meetingCountsSchema.nullable(),
}) satisfies z.ZodType<RespondentGroup>;

export const personSchema = z.object({
  name: text(100).min(1),
  currentPost: text(100),
  proposedPost: text(100),
});

export const meetingExportSchema = z.object({
  township: text(100),
  unit: text(100),
  teamName: text(100),
  meetingTitle: text(200),
  /** YYYY-MM-DD, the day the meeting was held. */
  meetingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  form: ballotFormSchema,
  candidates: z.array(personSchema).min(1).max(5000),
  counts: meetingCountsSchema,
  quorum: quorumRuleSchema,
  ballots: z.array(ballotRecordSchema).max(1_000_000),
  /** Respondent groups, when ballots were entered per group. */
  groups: z.array(respondentGroupSchema).max(50).nullable().optional(),
  /** Double entry: how many ballot numbers differed, and whether every difference was settled or the check waived. */
  doubleEntry: z
    .object({ differences: z.number().int().min(0), reconciled: z.boolean(), waived: text(200).nullable() })
    .nullable()
    .optional(),
  /** When the results were confirmed (确认结果), or null while they are not. */
  finalizedAt: z.string().max(40).nullable().optional(),
  /** The assessment plan the flags were judged by, stated in the 口径说明 (absent: the form's own thresholds). */
  planStatement: z.array(text(2000)).max(20).optional(),
  /** The rate bars as a PNG (base64), drawn by the app from the same result; placed under the summary table. */
  chartPng: z.string().max(8_000_000).regex(/^[A-Za-z0-9+/=]*$/).nullable().optional(),
});

export type MeetingExport = z.infer<typeof meetingExportSchema>;

export const exportResultSchema = z.object({
  fileName: z.string(),
  savedPath: z.string(),
  /** A confidential file written beside it (the interview notes of "导出全部"), when there is one. */
  companion: z.object({ fileName: z.string(), savedPath: z.string() }).optional(),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

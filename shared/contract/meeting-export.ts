/** What the renderer (or the CLI) hands the services to write a meeting's Excel summary. */
import { z } from 'zod';
import { ballotFormSchema } from '../schema/form';
import { ballotRecordSchema, meetingCountsSchema, quorumRuleSchema, respondentGroupSchema } from '../schema/meeting';

/** The CLI checks a form file (`tally --form`) against the same schema. */
export { ballotFormSchema } from '../schema/form';

const text = (max: number) => z.string().max(max);

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

/**
 * A meeting's counts, quorum rule, respondent groups and ballots as data: declared once, as zod
 * schemas, with the types inferred, so what a file carries and what the app keeps cannot drift apart.
 */
import { z } from 'zod';
import { comparisonSchema, fractionSchema } from './form';

const count = z.number().int().min(0).max(10_000_000);
const text = (max: number) => z.string().max(max);

import { VOID } from './values';

export { BLANK, VOID } from './values';

export const meetingCountsSchema = z.object({
  /** 应到人数 */
  expected: count,
  /** 实到人数 */
  present: count,
  /** 发出票数 */
  issued: count,
  /** 收回票数 */
  returned: count,
});
export type MeetingCounts = z.infer<typeof meetingCountsSchema>;

export const quorumRuleSchema = z.object({
  /** present (comparison) threshold × expected, e.g. ≥ 2/3 or > 1/2 */
  comparison: comparisonSchema.extract(['>', '>=']),
  threshold: fractionSchema,
  /** An absolute minimum attendance (e.g. 50), or null when the plan sets none. */
  minPresent: count.nullable(),
});
export type QuorumRule = z.infer<typeof quorumRuleSchema>;

/** A name written in (另推他人) for a post: the question's index on a recommendation form. */
export const writeInSchema = z.object({ question: z.number().int().min(0).max(19), name: text(100).min(1) });
export type WriteIn = z.infer<typeof writeInSchema>;

export const ballotRecordSchema = z.object({
  /** The ballot number (票号), unique within a meeting. */
  number: z.number().int().min(1).max(10_000_000),
  /** Null for a valid ballot; otherwise why the whole ballot is invalid (废票). */
  invalidReason: text(200).nullable(),
  /** One mark per item, candidate-major: marks[candidate × questionCount + question]; an option index (0-based), BLANK or VOID. */
  marks: z.array(z.number().int().min(VOID).max(19)).max(10_000),
  /** Names written in (另推他人), normalised, at most once per post; recommendation forms only. */
  writeIns: z.array(writeInSchema).max(1000),
  /** The respondent group (党员, 群众 …) the ballot was cast in, when the meeting counts groups separately. */
  group: text(100).nullable().optional(),
});
export type BallotRecord = z.infer<typeof ballotRecordSchema>;

export const respondentGroupSchema = z.object({
  id: text(100).min(1),
  label: text(100).min(1),
  /** Weight in the weighted result, or null when the group is not weighted. */
  weight: z.number().finite().min(0).nullable(),
  /** The group's own 应到/实到/发出/收回, when recorded; otherwise its entered ballots stand in for them. */
  counts: meetingCountsSchema.nullable(),
});
export type RespondentGroup = z.infer<typeof respondentGroupSchema>;

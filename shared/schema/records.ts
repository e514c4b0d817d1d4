/**
 * What the app keeps in IndexedDB and what workbook files and snapshots carry, one record kind per
 * schema. Each field is declared once, here; the record types are inferred from the schemas, so a
 * field cannot be added to a record and silently dropped when a file is read back.
 */
import { z } from 'zod';
import {
  assessmentPlanSchema,
  interviewRecordSchema,
  personConclusionSchema,
  reviewEntrySchema,
  riskItemSchema,
} from './assessment';
import { calendarDaySchema, editStamps, instantSchema } from './dates';
import { ballotFormSchema } from './form';
import { ballotRecordSchema, meetingCountsSchema, quorumRuleSchema, respondentGroupSchema } from './meeting';

const text = (max: number) => z.string().max(max);
const id = text(300).min(1);
const when = instantSchema();
const stamps = editStamps();

/** A person being assessed (考察对象). */
export const personRecordSchema = z.object({
  id,
  name: text(100).min(1),
  currentPost: text(100),
  proposedPost: text(100),
  gender: text(10).optional(),
  /** YYYY.MM */
  birthDate: text(20).optional(),
  politicalStatus: text(50).optional(),
  education: text(50).optional(),
  workUnit: text(100).optional(),
});
export type PersonRecord = z.infer<typeof personRecordSchema>;

/** One assessment team's work for one village or community (工作簿). */
export const workbookRecordSchema = z.object({
  id,
  teamName: text(100),
  teamMembers: z.array(text(100)).max(100),
  township: text(100),
  unit: text(100),
  candidates: z.array(personRecordSchema).max(5000),
  ...stamps,
});
export type WorkbookRecord = z.infer<typeof workbookRecordSchema>;

/** A candidate as the meeting's ballot lists them, fixed when the meeting is created. */
export const meetingCandidateSchema = z.object({ personId: id, name: text(100).min(1), currentPost: text(100), proposedPost: text(100) });
export type MeetingCandidate = z.infer<typeof meetingCandidateSchema>;

/** Results announced on the spot (公开计票), or sealed: the projector shows only the count until finalised. */
export const announceModeSchema = z.enum(['open', 'sealed']);
export type AnnounceMode = z.infer<typeof announceModeSchema>;

/** Two spellings of a written-in name that the team decided are one person, for one post. */
export const writeInAliasSchema = z.object({ question: z.number().int().min(0), from: text(100), to: text(100) });
export type WriteInAlias = z.infer<typeof writeInAliasSchema>;

/** 1: the first pass over the stack; 2: the second pass of double entry; 3: a ballot re-entered to settle a difference. */
export const entryPassSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type EntryPass = z.infer<typeof entryPassSchema>;

export const meetingRecordSchema = z.object({
  id,
  workbookId: id,
  title: text(200),
  /** YYYY-MM-DD */
  date: calendarDaySchema(),
  /** The preset or saved form the meeting's form was copied from. */
  formSourceId: text(300),
  /** A copy of the form: editing the form library later never changes this meeting. */
  form: ballotFormSchema,
  candidates: z.array(meetingCandidateSchema).min(1).max(5000),
  counts: meetingCountsSchema,
  quorum: quorumRuleSchema,
  /** Respondent groups when ballots are entered per group; null when they are not. */
  groups: z.array(respondentGroupSchema).max(50).nullable(),
  /** Whether the stack is entered twice and reconciled before results are final. */
  doubleEntry: z.boolean(),
  announce: announceModeSchema,
  /** Set by 确认结果; any change after it needs an unlock with a reason. */
  finalized: z.object({ at: when, doubleEntryWaived: text(200).nullable() }).nullable(),
  writeInAliases: z.array(writeInAliasSchema).max(1000),
  /** Set on a laptop that received this meeting to enter the second pass (double entry on two laptops). */
  entryPass: entryPassSchema.optional(),
  ...stamps,
});
export type MeetingRecord = z.infer<typeof meetingRecordSchema>;

/**
 * A stored ballot version. A correction or a deletion is a new row that supersedes the old one
 * (with the same ballot number); nothing is overwritten. The id is unique across laptops:
 * workbook, device, sequence.
 */
export const ballotRowSchema = ballotRecordSchema.extend({
  id,
  workbookId: id,
  meetingId: id,
  deviceId: text(60).min(1),
  seq: z.number().int().min(1),
  enteredAt: when,
  pass: entryPassSchema,
  supersedes: id.nullable(),
  /** This version removes the ballot (entered by mistake): it supersedes the last one and counts for nothing. */
  deleted: z.boolean(),
  /** Why this version replaced the one it supersedes. */
  note: text(500).nullable(),
});
export type BallotRow = z.infer<typeof ballotRowSchema>;

/** How a double-entry difference on one ballot number was settled. */
export const resolutionRecordSchema = z.object({
  /** meetingId:number */
  id,
  meetingId: id,
  number: z.number().int().min(1),
  choice: z.enum(['first', 'second', 'reentered']),
  at: when,
});
export type ResolutionRecord = z.infer<typeof resolutionRecordSchema>;

/** A form saved in the designer (the library); meetings take a copy of it. */
export const formRecordSchema = z.object({ id, form: ballotFormSchema, ...stamps });
export type FormRecord = z.infer<typeof formRecordSchema>;

export const auditActionSchema = z.enum([
  'workbook-created',
  'workbook-edited',
  'meeting-created',
  'meeting-edited',
  'ballot-added',
  'ballot-corrected',
  'ballot-deleted',
  'difference-resolved',
  'write-ins-merged',
  'meeting-finalized',
  'meeting-unlocked',
  'form-saved',
  'meeting-imported',
  'ballots-imported',
  'file-merged',
  'snapshot-restored',
  'plan-saved',
  'interview-saved',
  'interview-deleted',
  'review-saved',
  'risk-saved',
  'risk-deleted',
  'conclusion-saved',
]);
export type AuditAction = z.infer<typeof auditActionSchema>;

/** One entry of the hash-chained audit log (shared/domain/audit-chain.ts hashes every field but the two hashes). */
export const auditEntrySchema = z.object({
  seq: z.number().int().min(1),
  workbookId: text(300),
  meetingId: text(300).nullable(),
  ballotId: text(300).nullable(),
  action: auditActionSchema,
  at: when,
  deviceId: text(60),
  detail: text(2000),
  /**
   * A ballot correction (ballot-corrected): the key that opened the saved ballot, and its marks before
   * and after. Entries written before corrections carried it have none; the hash covers it when present.
   */
  correction: z
    .object({
      openedBy: z.enum(['ctrl-z', 'ctrl-g']),
      before: ballotRecordSchema.shape.marks,
      after: ballotRecordSchema.shape.marks,
    })
    .optional(),
  prevHash: text(80),
  hash: text(80),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
/** The key that opened a saved ballot for correction (Ctrl+Z: the last saved; Ctrl+G: by its number). */
export type CorrectionOpener = NonNullable<AuditEntry['correction']>['openedBy'];

/**
 * Everything a workbook file or a snapshot carries, one list per kind of record; every list sorted
 * by its key, so the same records give the same bytes. Merge works on this shape.
 */
export const workbookContentSchema = z.object({
  workbooks: z.array(workbookRecordSchema).max(10_000),
  meetings: z.array(meetingRecordSchema).max(100_000),
  ballots: z.array(ballotRowSchema).max(5_000_000),
  resolutions: z.array(resolutionRecordSchema).max(1_000_000),
  forms: z.array(formRecordSchema).max(10_000),
  audit: z.array(auditEntrySchema).max(10_000_000),
  plans: z.array(assessmentPlanSchema).max(10_000),
  interviews: z.array(interviewRecordSchema).max(1_000_000),
  reviews: z.array(reviewEntrySchema).max(1_000_000),
  risks: z.array(riskItemSchema).max(1_000_000),
  conclusions: z.array(personConclusionSchema).max(1_000_000),
});
export type WorkbookContent = z.infer<typeof workbookContentSchema>;

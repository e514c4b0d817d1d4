/**
 * Schemas of the assessment records (plan, interviews, joint review, risk ledger, the team's
 * judgement): what workbook files and snapshots carry, and what the ledgers are exported from.
 */
import { z } from 'zod';
import type { AssessmentPlan } from '../domain/plan';
import type { InterviewRecord, PersonConclusion, ReviewEntry, RiskItem } from '../domain/records';
import { calendarDaySchema, instantSchema } from './dates';
import { flagRuleSchema, rateKindSchema } from './meeting-export';

const text = (max: number) => z.string().max(max);
const id = text(300).min(1);
const when = instantSchema();
const day = calendarDaySchema();
const note = text(20_000);

export const assessmentPlanSchema = z.object({
  id,
  workbookId: id,
  name: text(200),
  presetId: z.enum(['village', 'community']),
  rateRules: z.array(z.object({ rateName: text(100).min(1), kind: rateKindSchema.optional(), flag: flagRuleSchema.nullable() })).max(100),
  interviewCategories: z.array(z.object({ name: text(100).min(1), minimum: z.number().int().min(0).max(999) })).max(50),
  interviewApproval: z.object({ base: z.enum(['expressed', 'all']), flag: flagRuleSchema.nullable() }),
  departments: z.array(text(100).min(1)).max(30),
  negativeList: z
    .array(z.object({ id: text(100).min(1), kind: z.enum(['cannot', 'unsuitable']), text: text(500).min(1), windowYears: z.number().int().min(1).max(50).nullable() }))
    .max(200),
  createdAt: when,
  updatedAt: when,
}) satisfies z.ZodType<AssessmentPlan>;

export const interviewRecordSchema = z.object({
  id,
  workbookId: id,
  interviewee: text(100),
  category: text(100),
  date: day,
  place: text(200),
  interviewers: z.array(text(100)).max(20),
  recorder: text(100),
  remarks: z
    .array(
      z.object({
        personId: id,
        opinion: z.enum(['agree', 'disagree', 'other']).nullable(),
        strengths: note,
        weaknesses: note,
        problems: note,
      }),
    )
    .max(5000),
  deleted: z.boolean(),
  createdAt: when,
  updatedAt: when,
}) satisfies z.ZodType<InterviewRecord>;

export const reviewHitSchema = z.object({
  itemId: text(100).min(1),
  kind: z.enum(['cannot', 'unsuitable']),
  text: text(500),
  eventMonth: z.string().regex(/^(\d{4}-\d{2})?$/),
});

export const reviewEntrySchema = z.object({
  id,
  workbookId: id,
  personId: id,
  department: text(100).min(1),
  conclusion: z.enum(['pass', 'issue', 'recheck']),
  date: day,
  responsible: text(100),
  note: text(5000),
  hits: z.array(reviewHitSchema).max(200),
  decision: text(2000),
  createdAt: when,
  updatedAt: when,
}) satisfies z.ZodType<ReviewEntry>;

export const riskItemSchema = z.object({
  id,
  workbookId: id,
  type: text(100),
  description: text(5000),
  leader: text(100),
  owner: text(100).optional(),
  foundOn: day.optional(),
  measures: text(5000),
  deadline: day,
  status: z.enum(['open', 'in-progress', 'closed']),
  closedOn: day.nullable(),
  closeNote: text(5000),
  deleted: z.boolean(),
  createdAt: when,
  updatedAt: when,
}) satisfies z.ZodType<RiskItem>;

export const personConclusionSchema = z.object({
  id,
  workbookId: id,
  personId: id,
  de: note,
  neng: note,
  qin: note,
  ji: note,
  lian: note,
  overall: note,
  createdAt: when,
  updatedAt: when,
}) satisfies z.ZodType<PersonConclusion>;

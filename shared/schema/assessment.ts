/**
 * The assessment records (plan, interviews, joint review, risk ledger, the team's judgement): what
 * IndexedDB keeps, workbook files and snapshots carry, and the ledgers are exported from. Each field
 * is declared once, here; the types are inferred from the schemas.
 */
import { z } from 'zod';
import { PLAN_PRESET_IDS } from './values';
import { calendarDaySchema, editStamps } from './dates';
import { flagRuleSchema, rateKindSchema } from './form';

const text = (max: number) => z.string().max(max);
const id = text(300).min(1);
const stamps = editStamps();
const day = calendarDaySchema();
const note = text(20_000);

export const planPresetIdSchema = z.enum(PLAN_PRESET_IDS);
export type PlanPresetId = z.infer<typeof planPresetIdSchema>;

/**
 * The flag the plan sets for every rate of this kind (null: no flag for it). A rule reaches a rate
 * of its kind on every form (称职以上率 reaches the 德能勤绩廉 form's 总体称职以上率 too); a rate of
 * a designed form that is of no known kind is reached by its exact name.
 */
export const planRateRuleSchema = z.object({
  rateName: text(100).min(1),
  /** Absent on plans saved before kinds existed: then the name says the kind. */
  kind: rateKindSchema.optional(),
  flag: flagRuleSchema.nullable(),
});
export type PlanRateRule = z.infer<typeof planRateRuleSchema>;

/** A category of people who must be interviewed (必谈对象), and how many interviews at least. */
export const interviewCategorySchema = z.object({ name: text(100).min(1), minimum: z.number().int().min(0).max(999) });
export type InterviewCategory = z.infer<typeof interviewCategorySchema>;

/** 不能: disqualifies; 不宜: needs a recorded decision. */
export const negativeKindSchema = z.enum(['cannot', 'unsuitable']);
export type NegativeKind = z.infer<typeof negativeKindSchema>;

export const negativeItemSchema = z.object({
  id: text(100).min(1),
  kind: negativeKindSchema,
  text: text(500).min(1),
  /** Counts only when what happened lies within this many years before the review; null: always. */
  windowYears: z.number().int().min(1).max(50).nullable(),
});
export type NegativeItem = z.infer<typeof negativeItemSchema>;

/**
 * 谈话同意率 = 同意 ÷ the interviews that gave this person an opinion ('expressed') or every
 * interview that spoke about the person, 其他 and silence included ('all').
 */
export const interviewApprovalRuleSchema = z.object({ base: z.enum(['expressed', 'all']), flag: flagRuleSchema.nullable() });
export type InterviewApprovalRule = z.infer<typeof interviewApprovalRuleSchema>;

export const assessmentPlanSchema = z.object({
  /** The workbook's id: one plan per workbook. */
  id,
  workbookId: id,
  name: text(200),
  presetId: planPresetIdSchema,
  rateRules: z.array(planRateRuleSchema).max(100),
  interviewCategories: z.array(interviewCategorySchema).max(50),
  interviewApproval: interviewApprovalRuleSchema,
  departments: z.array(text(100).min(1)).max(30),
  negativeList: z.array(negativeItemSchema).max(200),
  ...stamps,
});
export type AssessmentPlan = z.infer<typeof assessmentPlanSchema>;

/** An opinion given about one candidate in an individual interview. */
export const interviewOpinionSchema = z.enum(['agree', 'disagree', 'other']);
export type InterviewOpinion = z.infer<typeof interviewOpinionSchema>;

export const interviewRemarkSchema = z.object({
  personId: id,
  /** null: the interviewee said nothing about this person. */
  opinion: interviewOpinionSchema.nullable(),
  strengths: note,
  weaknesses: note,
  problems: note,
});
export type InterviewRemark = z.infer<typeof interviewRemarkSchema>;

/** One individual interview (个别谈话). Confidential: its notes leave the app only when the user asks. */
export const interviewRecordSchema = z.object({
  id,
  workbookId: id,
  interviewee: text(100),
  /** The plan's must-interview category, by name (a plan edited later keeps old records readable). */
  category: text(100),
  date: day,
  place: text(200),
  interviewers: z.array(text(100)).max(20),
  recorder: text(100),
  remarks: z.array(interviewRemarkSchema).max(5000),
  /** Entered by mistake: kept so that a merge carries the removal too. */
  deleted: z.boolean(),
  ...stamps,
});
export type InterviewRecord = z.infer<typeof interviewRecordSchema>;

export const reviewConclusionSchema = z.enum(['pass', 'issue', 'recheck']);
export type ReviewConclusion = z.infer<typeof reviewConclusionSchema>;

/** A negative-list item found by a department: its kind and text copied, so a later plan edit cannot change what was found. */
export const reviewHitSchema = z.object({
  itemId: text(100).min(1),
  kind: negativeKindSchema,
  text: text(500),
  /** YYYY-MM when what happened is known (empty when not): outside the item's window it does not count. */
  eventMonth: z.string().regex(/^(\d{4}-\d{2})?$/),
});
export type ReviewHit = z.infer<typeof reviewHitSchema>;

/** One department's conclusion on one person (资格联审). */
export const reviewEntrySchema = z.object({
  /** workbookId:personId:department */
  id,
  workbookId: id,
  personId: id,
  department: text(100).min(1),
  conclusion: reviewConclusionSchema,
  date: day,
  responsible: text(100),
  note: text(5000),
  hits: z.array(reviewHitSchema).max(200),
  /** The decision recorded on a 不宜 item (e.g. 经研究不作为人选); empty until made. */
  decision: text(2000),
  ...stamps,
});
export type ReviewEntry = z.infer<typeof reviewEntrySchema>;

export const riskStatusSchema = z.enum(['open', 'in-progress', 'closed']);
export type RiskStatus = z.infer<typeof riskStatusSchema>;

/** One item of a unit's risk ledger (风险排查台账), tracked until it is closed (销号). */
export const riskItemSchema = z.object({
  id,
  workbookId: id,
  type: text(100),
  description: text(5000),
  leader: text(100),
  /** 责任人: who carries the measures out (absent on items saved before the ledger had the column). */
  owner: text(100).optional(),
  /** 排查时间: when the risk was found (absent on older items: their creation day stands in). */
  foundOn: day.optional(),
  measures: text(5000),
  deadline: day,
  status: riskStatusSchema,
  /** Set when closed. */
  closedOn: day.nullable(),
  closeNote: text(5000),
  deleted: z.boolean(),
  ...stamps,
});
export type RiskItem = z.infer<typeof riskItemSchema>;

/** The team's judgement of one person (分析研判): notes on 德、能、勤、绩、廉 and an overall view. */
export const personConclusionSchema = z.object({
  /** workbookId:personId */
  id,
  workbookId: id,
  personId: id,
  de: note,
  neng: note,
  qin: note,
  ji: note,
  lian: note,
  overall: note,
  ...stamps,
});
export type PersonConclusion = z.infer<typeof personConclusionSchema>;

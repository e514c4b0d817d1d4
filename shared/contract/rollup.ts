/**
 * The district roll-up as the host writes it to Excel: every village or community with its
 * progress, joint review and risks; every meeting with its status; every person with the figures
 * of the meeting chosen per form, that meeting named. Computed from the merged workbooks by
 * shared/report/rollup.ts; the Excel file is laid out from this alone (and `verify` rebuilds it
 * from this alone), so everything a sheet prints is here.
 */
import { z } from 'zod';
import { workbookPersonSchema } from './workbook-export';

const text = (max: number) => z.string().max(max);
const count = z.number().int().min(0);

export const rollupColumnSchema = z.object({
  /** The heading over a group of columns: the form (民主测评（满意度）, 推荐) */
  group: text(200),
  header: text(200),
  kind: z.enum(['count', 'rate', 'score']),
});

export const rollupMeetingSchema = z.object({
  /** The village or community it was held for: its place in `units`. */
  unit: count,
  /** 1.民主测评大会: numbered as the team's own 一览表 numbers its meetings. */
  label: text(220),
  /** YYYY-MM-DD */
  date: text(20),
  /** The form's name: the group of columns its figures fill. */
  form: text(200),
  /** As the app words it: more ballots entered than returned is its own state, an error rather than a wait. */
  status: z.enum(['valid', 'void', 'incomplete', 'over-entered']),
  /** Why it is void or unfinished, each failed check once; empty when valid. */
  reasons: z.array(text(500)).max(20),
  /** The team confirmed its results (确认结果). */
  finalized: z.boolean(),
  /** The fingerprint of its counted ballots: what its figures rest on. */
  fingerprint: text(80),
});

/** Per form (group of columns) a person stood in: the meeting chosen by the rule of the roll-up. */
export const rollupSourceSchema = z.object({
  group: text(200),
  /** Its place in `meetings`. */
  meeting: count,
  /** Its rates in the team's words (优秀率 40.00%，称职以上率 86.67%) when its results stand; '' otherwise. */
  rates: text(2000),
});

export const rollupMarkSchema = z.object({
  text: text(1000),
  /** serious and warning are warnings (red, counted); note is a mark reached (过半), never counted. */
  level: z.enum(['serious', 'warning', 'note']),
});

export const rollupPersonSchema = workbookPersonSchema.extend({
  township: text(100),
  unit: text(100),
  team: text(100),
  /** One per column: from the chosen meeting when its results stand; null otherwise, or where the person was in no such meeting. */
  values: z.array(z.number().nullable()).max(500),
  /** One per form the person stood in, in column order. */
  sources: z.array(rollupSourceSchema).max(100),
  /** The 标注: a disqualification, the chosen meetings' warnings and notes, the interviews' warnings. */
  marks: z.array(rollupMarkSchema).max(200),
});

/** People by the joint review's conclusion; 联审未完成 includes people no review was set up for. */
export const rollupReviewCountsSchema = z.object({
  pass: count,
  issue: count,
  needsDecision: count,
  disqualified: count,
  incomplete: count,
});

/** Items of the risk ledger (deleted ones left out); overdue: open past the deadline on the roll-up's date. */
export const rollupRiskCountsSchema = z.object({
  total: count,
  closed: count,
  inProgress: count,
  open: count,
  overdue: count,
});

export const rollupUnitSchema = z.object({
  township: text(100),
  unit: text(100),
  team: text(100),
  people: count,
  meetings: count,
  finalized: count,
  /** Ballots counted, over ballots returned, across the unit's meetings. */
  entered: count,
  returned: count,
  /** Meetings whose result is void (quorum, returned > issued) or incomplete (entered ≠ returned). */
  notValid: count,
  /** People with a warning (提示 or 严重) in their 标注; a 过半 note alone is not one. */
  warnedPeople: count,
  /** People with a serious warning (a rate past a serious threshold, or disqualified by the joint review). */
  seriousPeople: count,
  review: rollupReviewCountsSchema,
  risks: rollupRiskCountsSchema,
});

export const rollupExportSchema = z.object({
  /** 如：某某区 2026 年村（社区）“两委”换届考察 */
  title: text(200),
  exportDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  columns: z.array(rollupColumnSchema).max(500),
  units: z.array(rollupUnitSchema).max(20_000),
  /** Every meeting of every unit, in unit order, then in the order each team set them up. */
  meetings: z.array(rollupMeetingSchema).max(100_000),
  people: z.array(rollupPersonSchema).max(200_000),
});

export type RollupColumn = z.infer<typeof rollupColumnSchema>;
export type RollupMeeting = z.infer<typeof rollupMeetingSchema>;
export type RollupSource = z.infer<typeof rollupSourceSchema>;
export type RollupMark = z.infer<typeof rollupMarkSchema>;
export type RollupPerson = z.infer<typeof rollupPersonSchema>;
export type RollupReviewCounts = z.infer<typeof rollupReviewCountsSchema>;
export type RollupRiskCounts = z.infer<typeof rollupRiskCountsSchema>;
export type RollupUnit = z.infer<typeof rollupUnitSchema>;
export type RollupExport = z.infer<typeof rollupExportSchema>;

/**
 * The data of a roll-up file laid out before the report model (sheets version 2): `verify` still
 * reads it, checks its seal and says the file is of an earlier layout, without rebuilding its cells.
 */
export const earlierRollupExportSchema = z.object({
  title: text(200),
  exportDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  columns: z.array(rollupColumnSchema).max(500),
  units: z
    .array(
      z.object({
        township: text(100),
        unit: text(100),
        team: text(100),
        people: count,
        meetings: count,
        finalized: count,
        entered: count,
        returned: count,
        notValid: count,
        flaggedPeople: count,
        seriousPeople: count,
      }),
    )
    .max(20_000),
  people: z.array(workbookPersonSchema.extend({ township: text(100), unit: text(100), team: text(100), values: z.array(z.number().nullable()).max(500), flags: z.array(text(500)).max(200), serious: z.boolean() })).max(200_000),
  fingerprints: z.array(z.object({ unit: text(220), meeting: text(200), fingerprint: text(80) })).max(100_000),
});

export type EarlierRollupExport = z.infer<typeof earlierRollupExportSchema>;

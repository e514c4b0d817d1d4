/**
 * The district roll-up as the host writes it to Excel: every person across every team's workbook
 * in one 考察对象情况一览表, one row per village or community, and the figures' column headings.
 * Computed from the merged workbooks by shared/domain/rollup.ts; the host only lays it out.
 */
import { z } from 'zod';
import { workbookPersonSchema } from './workbook-export';

const text = (max: number) => z.string().max(max);

export const rollupColumnSchema = z.object({
  /** The heading over a group of columns: the form (民主测评（满意度）, 推荐) */
  group: text(200),
  header: text(200),
  kind: z.enum(['count', 'rate', 'score']),
});

export const rollupPersonSchema = workbookPersonSchema.extend({
  township: text(100),
  unit: text(100),
  team: text(100),
  /** One per column; null where the person was not in such a meeting. */
  values: z.array(z.number().nullable()).max(500),
  /** The warnings of every meeting, as the result sheets word them. */
  flags: z.array(text(500)).max(200),
  /** Serious warnings (a rate past a serious threshold): counted per unit and township. */
  serious: z.boolean(),
});

export const rollupUnitSchema = z.object({
  township: text(100),
  unit: text(100),
  team: text(100),
  people: z.number().int().min(0),
  meetings: z.number().int().min(0),
  finalized: z.number().int().min(0),
  /** Ballots counted, over ballots returned, across the unit's meetings. */
  entered: z.number().int().min(0),
  returned: z.number().int().min(0),
  /** Meetings whose result is void (quorum, returned > issued) or incomplete (entered ≠ returned). */
  notValid: z.number().int().min(0),
  flaggedPeople: z.number().int().min(0),
  seriousPeople: z.number().int().min(0),
});

export const rollupExportSchema = z.object({
  /** 如：某某区 2026 年村（社区）“两委”换届考察 */
  title: text(200),
  exportDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  columns: z.array(rollupColumnSchema).max(500),
  units: z.array(rollupUnitSchema).max(20_000),
  people: z.array(rollupPersonSchema).max(200_000),
  /** The fingerprint of every meeting's counted ballots, in unit order: what the figures rest on. */
  fingerprints: z.array(z.object({ unit: text(220), meeting: text(200), fingerprint: text(80) })).max(100_000),
});

export type RollupColumn = z.infer<typeof rollupColumnSchema>;
export type RollupPerson = z.infer<typeof rollupPersonSchema>;
export type RollupUnit = z.infer<typeof rollupUnitSchema>;
export type RollupExport = z.infer<typeof rollupExportSchema>;

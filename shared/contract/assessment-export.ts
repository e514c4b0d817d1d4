/** The 联审台账 and 风险台账 exports, and the interview record sheets printed for signature. */
import { z } from 'zod';
import { interviewExportSchema } from './workbook-export';

const text = (max: number) => z.string().max(max);
const note = text(20_000);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const ledgerHeader = {
  township: text(100),
  unit: text(100),
  teamName: text(100),
  /** YYYY-MM-DD: the day of the export. */
  exportDate: day,
};

export const reviewLedgerSchema = z.object({
  kind: z.literal('review'),
  ...ledgerHeader,
  planStatement: z.array(text(2000)).max(20),
  departments: z.array(text(100).min(1)).max(30),
  people: z
    .array(
      z.object({
        name: text(100).min(1),
        proposedPost: text(100),
        status: z.enum(['disqualified', 'needs-decision', 'issue', 'incomplete', 'pass']),
        summary: text(5000),
        entries: z
          .array(
            z.object({
              department: text(100).min(1),
              conclusion: z.enum(['pass', 'issue', 'recheck']),
              date: day,
              responsible: text(100),
              note: text(5000),
              hits: z.array(z.object({ kind: z.enum(['cannot', 'unsuitable']), text: text(500), eventMonth: text(7), counts: z.boolean() })).max(200),
              decision: text(2000),
            }),
          )
          .max(30),
      }),
    )
    .max(5000),
});

export const riskLedgerSchema = z.object({
  kind: z.literal('risks'),
  ...ledgerHeader,
  /** The plan the work follows, by name (empty: none yet). */
  planStatement: z.array(text(2000)).max(20),
  items: z
    .array(
      z.object({
        type: text(100),
        description: note,
        leader: text(100),
        owner: text(100),
        foundOn: text(10),
        measures: note,
        deadline: day,
        status: z.enum(['open', 'in-progress', 'closed']),
        closedOn: day.nullable(),
        closeNote: note,
        overdue: z.boolean(),
      }),
    )
    .max(100_000),
});

export const ledgerExportSchema = z.discriminatedUnion('kind', [reviewLedgerSchema, riskLedgerSchema]);

export type ReviewLedger = z.infer<typeof reviewLedgerSchema>;
export type RiskLedger = z.infer<typeof riskLedgerSchema>;
export type LedgerExport = z.infer<typeof ledgerExportSchema>;

/** Interview record sheets (个别谈话记录表), one page per interview, filled in or blank, for signature and the archive. */
export const interviewPrintSchema = z.object({
  township: text(100),
  unit: text(100),
  /** The people the sheet asks about, in the workbook's order. */
  people: z.array(text(100).min(1)).max(200),
  interviews: z.array(interviewExportSchema).max(2000),
  /** Blank sheets to print when interviews is empty. */
  blankCopies: z.number().int().min(0).max(500),
});

export type InterviewPrint = z.infer<typeof interviewPrintSchema>;

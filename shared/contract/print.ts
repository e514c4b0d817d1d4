/** Print-outs (PDF): blank ballots, the 正字 tally sheet, the 计票结果报告单 of a meeting. */
import { z } from 'zod';
import { meetingExportSchema } from './meeting-export';

export const printRequestSchema = z.object({
  kind: z.enum(['blank-ballots', 'tally-sheet', 'report']),
  meeting: meetingExportSchema,
  /** Blank ballots: how many, numbered 1…n. */
  copies: z.number().int().min(1).max(2000),
});

export type PrintRequest = z.infer<typeof printRequestSchema>;

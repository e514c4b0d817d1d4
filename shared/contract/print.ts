/** Print-outs (PDF): blank ballots, the 正字 tally sheet, the 计票结果报告单 of a meeting. */
import { z } from 'zod';
import { meetingExportSchema } from './meeting-export';

export const printRequestSchema = z.object({
  kind: z.enum(['blank-ballots', 'tally-sheet', 'report']),
  meeting: meetingExportSchema,
  /** Blank ballots: how many copies, all alike unless numbered. */
  copies: z.number().int().min(1).max(2000),
  /**
   * Blank ballots: print 票号 1…n in the boxes. Off unless asked for: ballots are secret, and a
   * printed serial lets whoever notes which number went to whom trace a ballot to its voter
   * (zh.print.numberedWarning says so to the user). Without it the counters write the number in.
   */
  numbered: z.boolean().default(false),
});

/** What a caller sends: `numbered` may be left out (false), so callers written before it still work. */
export type PrintRequest = z.input<typeof printRequestSchema>;

/** Reading a spreadsheet the user picked (candidate list, ballot grid): bytes in, cell texts out. */
import { z } from 'zod';
import type { CellGrid, ImportProblem } from '../domain/ballot-grid';

export const readGridRequestSchema = z.object({
  fileName: z.string().min(1).max(260),
  contentBase64: z.string().max(70_000_000),
});

export type ReadGridRequest = z.infer<typeof readGridRequestSchema>;

/** The grid, or the problems that kept it from being read (empty file, not a spreadsheet …). */
export type ReadGridResult = { grid: CellGrid; problems: [] } | { grid: null; problems: ImportProblem[] };

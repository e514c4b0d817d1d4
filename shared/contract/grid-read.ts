/** Reading a spreadsheet the user picked (candidate list, ballot grid): bytes in, cell texts out. */
import { z } from 'zod';
import type { CellGrid, ImportProblem } from '../domain/ballot-grid';
import type { Result } from '../domain/result';

import { MAX_GRID_FILE_BYTES } from '../domain/ballot-grid';

export { MAX_GRID_FILE_BYTES };

/** Base64 characters of a file of `bytes` bytes. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

export const readGridRequestSchema = z.object({
  fileName: z.string().min(1).max(260),
  // One byte over the limit is still carried, so that the host can say the file is too large
  // instead of the request being malformed; the handler checks the length before decoding.
  contentBase64: z.string().max(base64Length(MAX_GRID_FILE_BYTES + 3)),
  /** The worksheet to read, by name; without it the one visible sheet that holds a grid. */
  sheet: z.string().min(1).max(100).optional(),
});

export type ReadGridRequest = z.infer<typeof readGridRequestSchema>;

/** The grid, or the problems that kept it from being read (empty file, not a spreadsheet …), for the preview to list. */
export type ReadGridResult = Result<CellGrid, ImportProblem>;

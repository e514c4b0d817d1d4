/** Checking an exported file (核验): the file goes to the host as base64; the report comes back. */
import { z } from 'zod';

export const verifyRequestSchema = z.object({
  fileName: z.string().min(1).max(260),
  /** The file's bytes, base64; at most about 50 MB of file. */
  contentBase64: z.string().max(70_000_000),
});

export type VerifyRequest = z.infer<typeof verifyRequestSchema>;

export type VerifyCellKind = 'empty' | 'number' | 'text' | 'boolean' | 'date' | 'formula' | 'error';

export interface VerifyResult {
  /** earlier: exported by an earlier version: its data and ballots check out, its cells could not be rebuilt. */
  status: 'intact' | 'changed' | 'unreadable' | 'earlier';
  /** What the file is (a meeting's summary, a whole workbook, a district roll-up), once its data could be read. */
  kind: 'meeting' | 'workbook' | 'rollup' | null;
  /** The ballots' fingerprint; null for a roll-up, which lists each meeting's in its 数据指纹 sheet. */
  fingerprint: string | null;
  /** Whole values as text, with their kinds: the number 1 and the text “1” differ. */
  differences: { sheet: string; address: string; expected: string; found: string; expectedKind: VerifyCellKind; foundKind: VerifyCellKind }[];
  messages: string[];
}

/** Checking an exported file (核验): the file goes to the host as base64; the report comes back. */
import { z } from 'zod';

export const verifyRequestSchema = z.object({
  fileName: z.string().min(1).max(260),
  /** The file's bytes, base64; at most about 50 MB of file. */
  contentBase64: z.string().max(70_000_000),
});

export type VerifyRequest = z.infer<typeof verifyRequestSchema>;

export interface VerifyResult {
  status: 'intact' | 'changed' | 'unreadable';
  fingerprint: string | null;
  differences: { sheet: string; address: string; expected: string; found: string }[];
  messages: string[];
}

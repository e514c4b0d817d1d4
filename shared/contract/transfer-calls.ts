/** Host calls for snapshots and workbook files: their payloads and answers. */
import { z } from 'zod';
import type { TransferContent } from './workbook-file';
import { transferContentSchema } from './workbook-file';

export interface SnapshotSummary {
  fileName: string;
  createdAt: string;
  fromDevice: string;
  /** Why it was written: after a change, or to keep the state a restore replaced. */
  reason: 'change' | 'before-restore';
  workbooks: number;
  meetings: number;
  ballots: number;
  /** The highest audit sequence number of the writing device: how far its history goes. */
  lastAuditSeq: number;
  /** Kept whatever the rolling rule says: the state a restore replaced, or one the user chose not to restore yet. */
  pinned?: boolean;
}

export interface SnapshotList {
  /** The folder the snapshots are in, to show the user. */
  folder: string;
  /** Newest first. */
  snapshots: SnapshotSummary[];
}

const device = z.string().min(1).max(60);

export const writeSnapshotSchema = z.object({ content: transferContentSchema, fromDevice: device, reason: z.enum(['change', 'before-restore']) });
export type WriteSnapshotRequest = z.infer<typeof writeSnapshotSchema>;

export const readSnapshotSchema = z.object({ fileName: z.string().min(1).max(200) });
export const keepSnapshotSchema = readSnapshotSchema;
export type ReadSnapshotRequest = z.infer<typeof readSnapshotSchema>;

export const writeWorkbookFileSchema = z.object({
  content: transferContentSchema,
  fromDevice: device,
  /** Encrypts the file when given (at least 6 characters). */
  password: z.string().min(6).max(200).nullable(),
  /** The file name without extension: unit and date. */
  baseName: z.string().min(1).max(150),
});
export type WriteWorkbookFileRequest = z.infer<typeof writeWorkbookFileSchema>;

export const readWorkbookFileSchema = z.object({
  fileName: z.string().min(1).max(260),
  contentBase64: z.string().max(700_000_000),
  password: z.string().max(200).nullable(),
});
export type ReadWorkbookFileRequest = z.infer<typeof readWorkbookFileSchema>;

export type ReadWorkbookFileResult =
  | { status: 'needs-password' }
  | { status: 'ok'; content: TransferContent; fromDevice: string; purpose: 'transfer' | 'snapshot'; encrypted: boolean };

/** What happened to one file of a merge done outside IndexedDB (command line, roll-up from files). */
export interface MergedFileReport {
  fileName: string;
  status: 'merged' | 'nothing-new' | 'needs-password' | 'refused' | 'conflict';
  /** One line for the user: what the file added, or why it was left out. */
  message: string;
  /** Each conflict, when the status is "conflict". */
  conflicts: string[];
}

export const rollupFilesSchema = z.object({
  files: z
    .array(z.object({ fileName: z.string().min(1).max(260), contentBase64: z.string().max(200_000_000) }))
    .min(1)
    .max(2000),
  passwords: z.array(z.string().min(1).max(200)).max(20),
  title: z.string().max(200),
  exportDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type RollupFilesRequest = z.infer<typeof rollupFilesSchema>;

/**
 * HostApi: every call the renderer may make of the host (Electron main process, or the browser-mode
 * host server). The preload `satisfies HostApi`; the browser adapter implements the same type; the
 * handlers in electron/services validate every payload with the schemas below before acting.
 */
import { z } from 'zod';
import type { Result } from '../domain/result';
import type { InterviewPrint, LedgerExport } from './assessment-export';
import { interviewPrintSchema, ledgerExportSchema } from './assessment-export';
import type { ExportResult, MeetingExport } from './meeting-export';
import { meetingExportSchema } from './meeting-export';
import type { AuditExport } from './audit-export';
import { auditExportSchema } from './audit-export';
import type { VerifyRequest, VerifyResult } from './verify';
import { verifyRequestSchema } from './verify';
import type { ReadGridRequest, ReadGridResult } from './grid-read';
import { readGridRequestSchema } from './grid-read';
import type { WorkbookExport } from './workbook-export';
import { workbookExportSchema } from './workbook-export';
import type { PrintRequest } from './print';
import { printRequestSchema } from './print';
import type { ReadingMap } from '../scan/reading-map';
import type {
  MergedFileReport,
  ReadSnapshotRequest,
  ReadWorkbookFileRequest,
  ReadWorkbookFileResult,
  RollupFilesRequest,
  SnapshotList,
  SnapshotSummary,
  WriteSnapshotRequest,
  WriteWorkbookFileRequest,
} from './transfer-calls';
import { keepSnapshotSchema, readSnapshotSchema, readWorkbookFileSchema, rollupFilesSchema, writeSnapshotSchema, writeWorkbookFileSchema } from './transfer-calls';
import type { RollupExport } from './rollup';
import { rollupExportSchema } from './rollup';
import type { TransferContent } from './workbook-file';
import type { HostMethod } from './host-channels';
import { HOST_CHANNELS } from './host-channels';

export type { HostMethod } from './host-channels';
export { HOST_CHANNELS, methodForChannel } from './host-channels';

/**
 * A host answer: the one Result shape of every service (shared/domain/result.ts), its errors
 * messages in Chinese that the screen can show as they are (failureText).
 */
export type HostResult<T> = Result<T, string>;

export interface HostInfo {
  shell: 'desktop' | 'browser';
  appVersion: string;
  /** Where exported files are written. */
  exportsDir: string;
}

export interface HostApi {
  getHostInfo(): Promise<HostResult<HostInfo>>;
  /** Writes the meeting's Excel summary into the exports folder. */
  exportMeetingSummary(request: MeetingExport): Promise<HostResult<ExportResult>>;
  /** Writes the audit log (操作日志) into the exports folder. */
  exportAuditLog(request: AuditExport): Promise<HostResult<ExportResult>>;
  /** Checks an exported file cell by cell against the data it carries (核验). */
  verifyExport(request: VerifyRequest): Promise<HostResult<VerifyResult>>;
  /** Reads the first sheet of an xlsx, or a CSV (UTF-8 or GBK), into cell texts for an import preview. */
  readGridFile(request: ReadGridRequest): Promise<HostResult<ReadGridResult>>;
  /** Writes the whole workbook (考察对象情况一览表 and every meeting) into the exports folder. */
  exportWorkbook(request: WorkbookExport): Promise<HostResult<ExportResult>>;
  /** Prints a meeting's blank ballots, tally sheet or result sheet to a PDF in the exports folder. */
  printDocument(request: PrintRequest): Promise<HostResult<ExportResult>>;
  /** Writes the page's whole database as a snapshot file (atomically), keeping the rolling set. */
  writeSnapshot(request: WriteSnapshotRequest): Promise<HostResult<SnapshotSummary>>;
  /** The snapshots kept, newest first. */
  listSnapshots(): Promise<HostResult<SnapshotList>>;
  readSnapshot(request: ReadSnapshotRequest): Promise<HostResult<{ content: TransferContent; fromDevice: string }>>;
  /** Keeps a snapshot out of the rolling deletion. */
  keepSnapshot(request: ReadSnapshotRequest): Promise<HostResult<null>>;
  /** Writes the district roll-up (汇总情况, 一览表 for all, 数据指纹) into the exports folder. */
  exportRollup(request: RollupExport): Promise<HostResult<ExportResult>>;
  /** Writes a workbook file (.tallydesk) into the exports folder, encrypted when a password is given. */
  writeWorkbookFile(request: WriteWorkbookFileRequest): Promise<HostResult<ExportResult>>;
  /** Opens a workbook file: checked whole; asks for the password when it is encrypted. */
  readWorkbookFile(request: ReadWorkbookFileRequest): Promise<HostResult<ReadWorkbookFileResult>>;
  /**
   * The district roll-up straight from the teams' files, merged in the host and not stored on this
   * computer: a district's 82 files take seconds this way, where storing them takes IndexedDB's time.
   */
  rollupFiles(request: RollupFilesRequest): Promise<HostResult<{ rollup: RollupExport; files: MergedFileReport[] }>>;
  /** Writes the 联审台账 or the 风险台账 into the exports folder. */
  exportLedger(request: LedgerExport): Promise<HostResult<ExportResult>>;
  /** Prints interview record sheets (filled in or blank) to a PDF in the exports folder. */
  printInterviews(request: InterviewPrint): Promise<HostResult<ExportResult>>;
  /** Where the boxes of the meeting's blank ballots stand (the print layout's own numbers), for reading scans of them. */
  readingMap(request: MeetingExport): Promise<HostResult<ReadingMap>>;
}

// Every HostApi method has a channel, and every channel a method.
const channelsCoverApi: Record<keyof HostApi, string> = HOST_CHANNELS;
void channelsCoverApi;

/** The payload schema of each call; a call without a payload takes undefined. */
export const HOST_REQUEST_SCHEMAS = {
  getHostInfo: z.undefined(),
  exportMeetingSummary: meetingExportSchema,
  exportAuditLog: auditExportSchema,
  verifyExport: verifyRequestSchema,
  readGridFile: readGridRequestSchema,
  exportWorkbook: workbookExportSchema,
  printDocument: printRequestSchema,
  writeSnapshot: writeSnapshotSchema,
  listSnapshots: z.undefined(),
  readSnapshot: readSnapshotSchema,
  keepSnapshot: keepSnapshotSchema,
  exportRollup: rollupExportSchema,
  writeWorkbookFile: writeWorkbookFileSchema,
  readWorkbookFile: readWorkbookFileSchema,
  rollupFiles: rollupFilesSchema,
  exportLedger: ledgerExportSchema,
  printInterviews: interviewPrintSchema,
  readingMap: meetingExportSchema,
} as const satisfies Record<HostMethod, z.ZodType>;

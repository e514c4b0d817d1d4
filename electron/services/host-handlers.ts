/**
 * The one implementation of HostApi, in plain Node: the Electron main process and the browser-mode
 * host both call these handlers, so both shells run the same code. Every payload is validated here.
 */
import path from 'node:path';
import type { HostApi, HostMethod, HostResult } from '../../shared/contract/host-api';
import { HOST_REQUEST_SCHEMAS } from '../../shared/contract/host-api';
import type { AuditExport } from '../../shared/contract/audit-export';
import type { VerifyRequest } from '../../shared/contract/verify';
import type { ReadGridRequest } from '../../shared/contract/grid-read';
import { base64Length, MAX_GRID_FILE_BYTES } from '../../shared/contract/grid-read';
import { readGridFile } from './grid-file';
import type { WorkbookExport } from '../../shared/contract/workbook-export';
import { buildInterviewNotesExport, buildWorkbookExport, interviewNotesFileName, workbookFileName } from './workbook-xlsx';
import type { PrintRequest } from '../../shared/contract/print';
import { printFileName, printHtml } from './print/print-html';
import { readingMapOf } from './print/ballots';
import type { ReadSnapshotRequest, ReadWorkbookFileRequest, RollupFilesRequest, WriteSnapshotRequest, WriteWorkbookFileRequest } from '../../shared/contract/transfer-calls';
import { buildRollup } from '../../shared/report/rollup';
import { mergeWorkbookFiles } from './merge-files';
import { WORKBOOK_FILE_EXTENSION } from '../../shared/contract/workbook-file';
import { decodeSnapshotBytes, keepSnapshot, listSnapshots, readSnapshot, writeSnapshot } from './snapshots';
import type { SnapshotKeyStore } from './snapshot-seal';
import { isSealedSnapshot, keyFileStore } from './snapshot-seal';
import type { RollupExport } from '../../shared/contract/rollup';
import { buildRollupWorkbook, rollupFileName } from './rollup-xlsx';
import type { InterviewPrint, LedgerExport } from '../../shared/contract/assessment-export';
import { buildLedger, ledgerFileName } from './ledger-xlsx';
import { interviewPrintFileName, interviewSheetsHtml } from './print/interview-html';
import { decodeWorkbookFile, encodeWorkbookFile } from './workbook-file';
import { verifyExport } from './verify-export';
import type { ExportResult, MeetingExport } from '../../shared/contract/meeting-export';
import { fail, ok } from '../../shared/domain/result';
import { TallyInputError } from '../../shared/domain/tally';
import { zh } from '../../shared/messages/zh-CN';
import { writeFileAtomic } from './atomic-file';
import { buildAuditWorkbook } from './audit-xlsx';
import { buildMeetingSummary, safeFileName, summaryFileName } from './summary-xlsx';

export interface HostContext {
  shell: 'desktop' | 'browser';
  appVersion: string;
  exportsDir: string;
  /** Where snapshots of the page's database are kept. */
  snapshotsDir: string;
  /** The key snapshots are sealed with: the OS's safeStorage on the desktop; a 0600 key file beside them otherwise. */
  snapshotKeys?: SnapshotKeyStore;
  /** Prints HTML to an A4 PDF: Electron's printToPDF on the desktop, the system Chromium in browser mode. */
  printPdf: (html: string) => Promise<Buffer>;
  /** Called with every unexpected failure, for the host's own log; the user sees a message. */
  logError?: (error: unknown) => void;
}

function refused(message: string): HostResult<never> {
  return fail([message]);
}

export function createHostHandlers(context: HostContext): HostApi {
  const keys = context.snapshotKeys ?? keyFileStore(context.snapshotsDir);
  return {
    async getHostInfo() {
      return ok({ shell: context.shell, appVersion: context.appVersion, exportsDir: context.exportsDir });
    },

    exportMeetingSummary: (request: MeetingExport) =>
      writeExport(context, async () => ({ fileName: summaryFileName(request), buffer: (await buildMeetingSummary(request)).buffer })),

    async verifyExport(request: VerifyRequest) {
      try {
        const report = await verifyExport(Buffer.from(request.contentBase64, 'base64'), request.fileName);
        return ok(report);
      } catch (error) {
        context.logError?.(error);
        return refused(zh.host.unexpected);
      }
    },

    async readGridFile(request: ReadGridRequest) {
      // The length is checked before decoding: a file over the cap costs nothing to refuse.
      if (request.contentBase64.length > base64Length(MAX_GRID_FILE_BYTES)) {
        const problem = { source: request.fileName, sheet: null, row: null, column: null, header: null, value: null, message: zh.import.tooLarge(MAX_GRID_FILE_BYTES / 1024 / 1024) };
        return ok(fail([problem]));
      }
      const read = await readGridFile(Buffer.from(request.contentBase64, 'base64'), request.fileName, request.sheet === undefined ? {} : { sheet: request.sheet });
      // The call succeeds either way: a file that cannot be read is an answer with its problems.
      return ok(read);
    },

    exportWorkbook: (request: WorkbookExport) =>
      writeExport(context, async () => ({ fileName: workbookFileName(request), buffer: await buildWorkbookExport(request) })).then(async (summary) => {
        // The notes, when asked for, go into a file of their own, never into the summary.
        const notes = request.interviewRecords;
        if (!summary.ok || !notes) return summary;
        const written = await writeExport(context, async () => ({ fileName: interviewNotesFileName(request), buffer: await buildInterviewNotesExport(notes) }));
        return written.ok ? ok({ ...summary.value, companion: written.value }) : written;
      }),

    printDocument: (request: PrintRequest) =>
      writeExport(context, async () => ({
        fileName: safeFileName(printFileName(request.kind, request.meeting)),
        buffer: await context.printPdf(printHtml(request.kind, request.meeting, request.copies, { numbered: request.numbered ?? false })),
      })),

    async writeSnapshot(request: WriteSnapshotRequest) {
      try {
        return ok(await writeSnapshot(context.snapshotsDir, request.content, request.fromDevice, request.reason, new Date(), keys));
      } catch (error) {
        context.logError?.(error);
        const code = (error as NodeJS.ErrnoException).code;
        return refused(zh.host.snapshotWriteFailed(context.snapshotsDir, code ?? ''));
      }
    },

    async listSnapshots() {
      return ok(await listSnapshots(context.snapshotsDir, keys));
    },

    async readSnapshot(request: ReadSnapshotRequest) {
      return readSnapshot(context.snapshotsDir, request.fileName, keys);
    },

    async keepSnapshot(request: ReadSnapshotRequest) {
      return (await keepSnapshot(context.snapshotsDir, request.fileName, keys)) ? ok(null) : refused(zh.ui.snapshots.missing(request.fileName));
    },

    exportLedger: (request: LedgerExport) => writeExport(context, async () => ({ fileName: ledgerFileName(request), buffer: await buildLedger(request) })),

    printInterviews: (request: InterviewPrint) =>
      writeExport(context, async () => ({ fileName: safeFileName(interviewPrintFileName(request)), buffer: await context.printPdf(interviewSheetsHtml(request)) })),

    async readingMap(request: MeetingExport) {
      return ok(readingMapOf(request));
    },

    exportRollup: (request: RollupExport) =>
      writeExport(context, async () => ({ fileName: rollupFileName(request), buffer: await buildRollupWorkbook(request) })),

    writeWorkbookFile: (request: WriteWorkbookFileRequest) =>
      writeExport(context, async () => ({
        fileName: safeFileName(`${request.baseName}${WORKBOOK_FILE_EXTENSION}`),
        buffer: await encodeWorkbookFile(request.content, { purpose: 'transfer', fromDevice: request.fromDevice, password: request.password }),
      })),

    async readWorkbookFile(request: ReadWorkbookFileRequest) {
      const bytes = Buffer.from(request.contentBase64, 'base64');
      // A snapshot of this computer, picked from its folder, is opened with this computer's key.
      const decoded = isSealedSnapshot(bytes) ? await decodeSnapshotBytes(bytes, request.fileName, keys) : await decodeWorkbookFile(bytes, request.fileName, request.password);
      if (decoded.status === 'refused') return refused(decoded.message);
      if (decoded.status === 'needs-password') return ok({ status: 'needs-password' as const });
      const { content, fromDevice, purpose } = decoded.file;
      return ok({ status: 'ok' as const, content, fromDevice, purpose, encrypted: decoded.encrypted });
    },

    async rollupFiles(request: RollupFilesRequest) {
      try {
        const files = request.files.map((f) => ({ fileName: f.fileName, bytes: Buffer.from(f.contentBase64, 'base64') }));
        const merged = await mergeWorkbookFiles(files, request.passwords);
        return ok({ rollup: buildRollup(merged.content, { title: request.title, exportDate: request.exportDate }), files: merged.files });
      } catch (error) {
        context.logError?.(error);
        return refused(zh.host.rollupFailed);
      }
    },

    exportAuditLog: (request: AuditExport) =>
      writeExport(context, async () => ({
        fileName: safeFileName(zh.auditExport.fileName(request.scope, new Date().toISOString().slice(0, 10))),
        buffer: await buildAuditWorkbook(request),
      })),
  };
}

/**
 * Builds a file and writes it into the exports folder atomically; every failure becomes a message.
 * An earlier export of the same name is never replaced (a signed print-out may have been made from
 * it): the new one takes the next numbered name, `…(2).xlsx`, which the notice and download show.
 */
async function writeExport(context: HostContext, build: () => Promise<{ fileName: string; buffer: Buffer }>): Promise<HostResult<ExportResult>> {
  try {
    const { fileName, buffer } = await build();
    const savedPath = await writeFileAtomic(path.join(context.exportsDir, fileName), buffer, 'number');
    return ok({ fileName: path.basename(savedPath), savedPath });
  } catch (error) {
    if (error instanceof TallyInputError) return refused(error.message);
    context.logError?.(error);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'NO_CHROMIUM') return refused(zh.host.noPrinter);
    return refused(code ? zh.host.writeFailed(context.exportsDir, code) : zh.host.unexpected);
  }
}

/**
 * Validates a payload that arrived over IPC or HTTP and dispatches it. Anything that does not match
 * the schema is refused with a message; the handler never sees it.
 */
export async function dispatchHostCall(handlers: HostApi, method: HostMethod, payload: unknown): Promise<HostResult<unknown>> {
  const parsed = HOST_REQUEST_SCHEMAS[method].safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refused(zh.host.badRequest(method, issue ? `${issue.path.join('.')}: ${issue.message}` : ''));
  }
  // Every method takes the payload its schema just checked (or undefined, for those without one).
  const handler = handlers[method] as (payload: unknown) => Promise<HostResult<unknown>>;
  return handler.call(handlers, parsed.data);
}

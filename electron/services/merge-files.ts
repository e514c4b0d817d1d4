/**
 * Many workbook files merged in Node, outside IndexedDB: for the `merge` and `rollup` commands and
 * for the district's roll-up straight from the teams' files. Every file is opened and checked
 * whole, then merged all or nothing; each gets a line saying what happened to it.
 */
import type { MergedFileReport } from '../../shared/contract/transfer-calls';
import type { TransferContent } from '../../shared/contract/workbook-file';
import { Merger } from '../../shared/domain/merge';
import { zh } from '../../shared/messages/zh-CN';
import { decodeWorkbookFile } from './workbook-file';

export interface FileToMerge {
  fileName: string;
  bytes: Uint8Array;
}

/** Files opened at a time: encrypted ones derive their keys on the thread pool, side by side. */
const OPEN_AT_ONCE = 4;

type Opened = { status: 'ok'; content: TransferContent; encrypted: boolean } | { status: 'needs-password' } | { status: 'refused'; message: string };

/** An encrypted file is opened with the first of the passwords that fits. */
async function open(file: FileToMerge, passwords: readonly string[]): Promise<Opened> {
  let decoded = await decodeWorkbookFile(file.bytes, file.fileName, null);
  if (decoded.status === 'needs-password') {
    if (passwords.length === 0) return { status: 'needs-password' };
    for (const password of passwords) {
      decoded = await decodeWorkbookFile(file.bytes, file.fileName, password);
      if (decoded.status === 'ok') break;
    }
  }
  if (decoded.status === 'ok') return { status: 'ok', content: decoded.file.content, encrypted: decoded.encrypted };
  return decoded.status === 'refused' ? decoded : { status: 'needs-password' };
}

/** Merges the files in the order given (the result does not depend on it); a file that cannot be opened or is in conflict changes nothing. */
export async function mergeWorkbookFiles(files: readonly FileToMerge[], passwords: readonly string[]): Promise<{ content: TransferContent; files: MergedFileReport[] }> {
  const merger = new Merger();
  const reports: MergedFileReport[] = [];
  for (let start = 0; start < files.length; start += OPEN_AT_ONCE) {
    const batch = files.slice(start, start + OPEN_AT_ONCE);
    const opened = await Promise.all(batch.map((file) => open(file, passwords)));
    batch.forEach((file, i) => {
      const result = opened[i]!;
      const fileName = file.fileName;
      if (result.status === 'needs-password') {
        reports.push({ fileName, status: 'needs-password', message: zh.workbookFile.needsPassword(fileName), conflicts: [] });
        return;
      }
      if (result.status === 'refused') {
        reports.push({ fileName, status: 'refused', message: result.message, conflicts: [] });
        return;
      }
      const { report } = merger.apply(result.content);
      if (report.conflicts.length > 0) {
        reports.push({ fileName, status: 'conflict', message: zh.merge.refused(fileName, report.conflicts.length), conflicts: report.conflicts.map((c) => c.message) });
        return;
      }
      const { added, updated } = report;
      const changed = added.workbooks + added.meetings + added.ballots + added.assessment + updated.workbooks + updated.meetings + updated.assessment > 0;
      const said = changed ? zh.merge.summary(fileName, added) : zh.merge.nothingNew(fileName);
      // A plain file's checksum proves nothing about who wrote it: the user is told, every time.
      const message = result.encrypted ? said : `${said}（${zh.workbookFile.unauthenticated}）`;
      reports.push({ fileName, status: changed ? 'merged' : 'nothing-new', message, conflicts: [] });
    });
  }
  return { content: merger.content(), files: reports };
}

/**
 * The start-up comparison of IndexedDB with the newest snapshot, and the restore itself. A restore
 * first saves the current state as a snapshot that is kept, then replaces the database whole, then
 * reloads the page so every screen starts from the restored data.
 */
import type { SnapshotSummary } from '../../../../shared/contract/transfer-calls';
import { isEmptyContent, workbookTransfer } from '../../db/transfer';
import { repository } from '../../db/repository';
import { host } from '../../platform/host';
import { snapshotWriter } from '../../db/snapshot-writer';
import { failureText } from '../../../../shared/domain/result';

const RESTORED_KEY = 'tally-desk:restored';

export interface RestoredNote {
  createdAt: string;
  savedBefore: string | null;
}

/** Replaces the database with a snapshot; the page reloads when it is done. Throws with a message on failure. */
export async function restoreSnapshot(snapshot: SnapshotSummary): Promise<void> {
  snapshotWriter.stop();
  try {
    const current = await workbookTransfer.dump();
    let savedBefore: string | null = null;
    if (!isEmptyContent(current)) {
      const saved = await host.writeSnapshot({ content: current, fromDevice: await repository.deviceId(), reason: 'before-restore' });
      if (!saved.ok) throw new Error(failureText(saved));
      savedBefore = saved.value.fileName;
    }
    const read = await host.readSnapshot({ fileName: snapshot.fileName });
    if (!read.ok) throw new Error(failureText(read));
    await workbookTransfer.restore(read.value.content, read.value.fromDevice, snapshot.fileName);
    const note: RestoredNote = { createdAt: snapshot.createdAt, savedBefore };
    sessionStorage.setItem(RESTORED_KEY, JSON.stringify(note));
  } catch (error) {
    snapshotWriter.start();
    throw error;
  }
  window.location.reload();
}

/** The note a restore left for the reloaded page, once. */
export function takeRestoredNote(): RestoredNote | null {
  const text = sessionStorage.getItem(RESTORED_KEY);
  if (!text) return null;
  sessionStorage.removeItem(RESTORED_KEY);
  try {
    return JSON.parse(text) as RestoredNote;
  } catch {
    return null;
  }
}

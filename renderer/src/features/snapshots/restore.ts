/**
 * The start-up comparison of IndexedDB with the newest snapshot, and the restore itself. A restore
 * first saves the current state as a snapshot that is kept, then replaces the database whole, then
 * reloads the page so every screen starts from the restored data.
 */
import type { SnapshotSummary } from '../../../../shared/contract/transfer-calls';
import type { LocalState } from '../../db/transfer';
import { isEmptyContent, workbookTransfer } from '../../db/transfer';
import { repository } from '../../db/repository';
import { host } from '../../platform/host';
import { snapshotWriter } from './snapshot-writer';

export type RestoreOffer = { kind: 'empty' | 'behind'; snapshot: SnapshotSummary; local: LocalState };

/**
 * Whether to offer a restore: the database is empty while a snapshot holds work, or it is behind
 * the newest snapshot (its own history is shorter, or, from another profile, it has fewer ballots).
 * Snapshots saved before a restore are not compared: they hold the state a restore replaced.
 */
export function restoreOffer(local: LocalState, snapshots: readonly SnapshotSummary[]): RestoreOffer | null {
  const newest = snapshots.filter((s) => s.reason === 'change').sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
  if (!newest || (newest.workbooks === 0 && newest.ballots === 0)) return null;
  if (local.workbooks === 0 && local.ballots === 0) return { kind: 'empty', snapshot: newest, local };
  const behind =
    local.deviceId === newest.fromDevice
      ? local.lastAuditSeq < newest.lastAuditSeq
      : local.ballots < newest.ballots || local.workbooks < newest.workbooks;
  return behind ? { kind: 'behind', snapshot: newest, local } : null;
}

/** Whether the database differs from what the newest snapshot says it held: then one is written now. */
export function snapshotIsStale(local: LocalState, snapshots: readonly SnapshotSummary[]): boolean {
  const newest = snapshots.filter((s) => s.reason === 'change')[0];
  if (local.workbooks === 0 && local.ballots === 0) return false;
  return !newest || newest.fromDevice !== local.deviceId || newest.lastAuditSeq !== local.lastAuditSeq || newest.ballots !== local.ballots;
}

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
      if (!saved.ok) throw new Error(saved.message);
      savedBefore = saved.value.fileName;
    }
    const read = await host.readSnapshot({ fileName: snapshot.fileName });
    if (!read.ok) throw new Error(read.message);
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

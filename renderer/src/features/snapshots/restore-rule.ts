/**
 * When to offer a restore at start, and when a snapshot is due: pure rules over what the database
 * holds and what the snapshot index says, so they are tested without a browser.
 */
import type { SnapshotSummary } from '../../../../shared/contract/transfer-calls';
import type { LocalState } from '../../db/transfer';

/** The newest snapshot written after a change, in whatever order the list comes. */
function newestAfterChange(snapshots: readonly SnapshotSummary[]): SnapshotSummary | undefined {
  return snapshots.filter((s) => s.reason === 'change').sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
}

export type RestoreOffer = { kind: 'empty' | 'behind'; snapshot: SnapshotSummary; local: LocalState };

/**
 * Whether to offer a restore: the database is empty while a snapshot holds work, or it is behind
 * the newest snapshot (its own history is shorter, or, from another profile, it has fewer ballots).
 * Snapshots saved before a restore are not compared: they hold the state a restore replaced.
 */
export function restoreOffer(local: LocalState, snapshots: readonly SnapshotSummary[]): RestoreOffer | null {
  const newest = newestAfterChange(snapshots);
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
  const newest = newestAfterChange(snapshots);
  if (local.workbooks === 0 && local.ballots === 0) return false;
  return !newest || newest.fromDevice !== local.deviceId || newest.lastAuditSeq !== local.lastAuditSeq || newest.ballots !== local.ballots;
}
